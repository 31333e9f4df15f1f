package dev.ordersaga.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTest {

    private static final int SHIPPED = 1;
    private static final int FAILS_AT_SHIPMENT = 27;

    @Test
    void aShippedOrderKeepsItsUnitsItsChargeAndItsShipmentExactlyOnce() {
        var entries = everything(SHIPPED);

        assertThat(Audit.disagreement(placed(SHIPPED), "OrderShipped", Ledgers.Kept.of(entries))).isEmpty();
    }

    @Test
    void aShippedOrderChargedTwiceIsInconsistent() {
        var entries = everything(SHIPPED);
        entries.add(entry("payment", "charged", null, 0, OrderMix.total(SHIPPED)));

        assertThat(Audit.disagreement(placed(SHIPPED), "OrderShipped", Ledgers.Kept.of(entries))).get().asString().contains("exactly once");
    }

    @Test
    void aFailedOrderKeepsNothing() {
        var entries = everything(FAILS_AT_SHIPMENT);
        entries.removeIf(e -> e.entry().equals("scheduled"));
        OrderMix.items(FAILS_AT_SHIPMENT).forEach(i -> entries.add(entry("inventory", "released", i.sku(), i.quantity(), null)));
        entries.add(entry("payment", "refunded", null, 0, OrderMix.total(FAILS_AT_SHIPMENT)));

        assertThat(Audit.disagreement(placed(FAILS_AT_SHIPMENT), "OrderFailed", Ledgers.Kept.of(entries))).isEmpty();
    }

    @Test
    void aFailedOrderWhoseStockWasNotReleasedIsInconsistent() {
        var entries = everything(FAILS_AT_SHIPMENT);
        entries.removeIf(e -> e.entry().equals("scheduled"));
        entries.add(entry("payment", "refunded", null, 0, OrderMix.total(FAILS_AT_SHIPMENT)));

        assertThat(Audit.disagreement(placed(FAILS_AT_SHIPMENT), "OrderFailed", Ledgers.Kept.of(entries))).get().asString()
                .startsWith("failed but kept");
    }

    @Test
    void anOrderThatEndsOtherwiseThanItsKindSaysIsInconsistent() {
        assertThat(Audit.disagreement(placed(SHIPPED), "OrderFailed", Ledgers.Kept.of(List.of(entry("notification", "notified", null, 0, null)))))
                .get().asString().startsWith("expected OrderShipped");
    }

    private static Load.Placed placed(int n) {
        return new Load.Placed(n, OrderMix.kind(n), "c-" + n, Load.Outcome.ACCEPTED, "order-" + n, 0, 0, "");
    }

    /** Reserved, charged, scheduled and notified, each once. */
    private static List<Ledgers.Entry> everything(int n) {
        var entries = new ArrayList<Ledgers.Entry>();
        OrderMix.items(n).forEach(i -> entries.add(entry("inventory", "reserved", i.sku(), i.quantity(), null)));
        entries.add(entry("payment", "charged", null, 0, OrderMix.total(n)));
        entries.add(entry("shipment", "scheduled", null, 0, null));
        entries.add(entry("notification", "notified", null, 0, null));
        return entries;
    }

    private static Ledgers.Entry entry(String participant, String entry, String sku, int quantity, BigDecimal amount) {
        return new Ledgers.Entry(participant, "order", entry, sku, quantity, amount == null ? BigDecimal.ZERO : amount);
    }
}

package dev.ordersaga.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.tracking.HistoryEntry;
import dev.ordersaga.tracking.HistoryKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderViewTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theViewsStepsAreTheLastMessagePerStepInOrderOfFirstContact() {
        var history = List.of(
                new HistoryEntry("a", HistoryKind.STATE, "OrderCreated", "order", null, "p", T0, null),
                new HistoryEntry("b", HistoryKind.COMMAND, "ReserveInventory", "inventory", "b", "bridge", T0.plusSeconds(1), null),
                new HistoryEntry("c", HistoryKind.COMMAND, "ChargePayment", "payment", "c", "bridge", T0.plusSeconds(2), null),
                new HistoryEntry("d", HistoryKind.EVENT, "PaymentFailed", "payment", "c", "payment", T0.plusSeconds(3), "declined"),
                new HistoryEntry("e", HistoryKind.COMMAND, "ReleaseInventory", "inventory", "e", "bridge", T0.plusSeconds(4), null));
        assertThat(OrderView.steps(history)).containsExactly(Map.entry("inventory", "ReleaseInventory"), Map.entry("payment", "PaymentFailed"));
    }
}

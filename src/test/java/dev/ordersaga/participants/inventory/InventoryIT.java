package dev.ordersaga.participants.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.participants.ParticipantsDatabase;
import dev.ordersaga.participants.api.Item;
import dev.ordersaga.participants.inventory.api.InventoryContract.InventoryCheckKO;
import dev.ordersaga.participants.inventory.api.InventoryContract.InventoryEvent;
import dev.ordersaga.participants.inventory.api.InventoryContract.InventoryReleased;
import dev.ordersaga.participants.inventory.api.InventoryContract.InventoryReserved;
import dev.ordersaga.participants.inventory.api.InventoryContract.ReleaseInventory;
import dev.ordersaga.participants.inventory.api.InventoryContract.ReserveInventory;
import dev.ordersaga.participants.support.store.InCommandTransaction;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inventory's rules on the real PostgreSQL server, each call in its command's transaction as the pipeline runs it
 * ({@link ParticipantStore#handle}). Every test has SKUs and orders of its own ({@link #sku}); a "restart" is a new
 * {@link Inventory} on the same database.
 */
@OrderSagaIntegrationTest
class InventoryIT {

    @Autowired
    ParticipantStore store;

    @Autowired
    ObjectMapper json;

    private final String run = UUID.randomUUID().toString().substring(0, 8) + "-";
    private Inventory inventory;
    private ParticipantsDatabase db;
    private InCommandTransaction transaction;

    @BeforeEach
    void stockOfItsOwn() {
        restart();
        stock(Map.of("book-0001", 10_000, "book-0002", 10_000));
    }

    private void restart() {
        inventory = new Inventory(store);
        db = new ParticipantsDatabase(store);
        transaction = new InCommandTransaction(store, json, Inventory.PARTICIPANT);
    }

    @Test
    void aReleaseAfterARestartReleasesWhatWasReservedBeforeItAndTheLedgerSaysSo() {
        reserve("order-1", reserve(item(sku("book-0001"), 3), item(sku("book-0002"), 2)));

        restart();
        InventoryReleased released = release("order-1", new ReleaseInventory(null));

        assertThat(released.releasedUnits()).isEqualTo(5);
        assertThat(db.available(sku("book-0001"))).isEqualTo(10_000);
        assertThat(store.ledger(Inventory.PARTICIPANT, run + "order-1"))
                .extracting(LedgerEntry::entry, LedgerEntry::sku, LedgerEntry::quantity)
                .containsExactly(tuple("reserved", sku("book-0001"), 3),
                        tuple("reserved", sku("book-0002"), 2),
                        tuple("released", sku("book-0001"), 3),
                        tuple("released", sku("book-0002"), 2));
        restart();
        assertThat(reserve("order-1", reserve(item(sku("book-0001"), 1)))).as("a reservation after the release, after a restart")
                .isEqualTo(new InventoryCheckKO("order " + run + "order-1 was already compensated"));
    }

    @Test
    void demoStockHasAHundredBooksOfTenThousandUnits() {
        for (String sku : List.of("book-0001", "book-0050", "book-0100")) {
            assertThat(db.available(sku) + db.reservedUnitsOf(sku)).as("stock and reservations of %s", sku).isEqualTo(10_000);
        }
        assertThat(db.available("book-0101")).isZero();
    }

    @Test
    void reservesWhenThereIsEnoughStock() {
        InventoryEvent event = reserve("order-1", reserve(item(sku("book-0001"), 3), item(sku("book-0002"), 2)));

        assertThat(event).isInstanceOfSatisfying(InventoryReserved.class, reserved -> assertThat(reserved.reservationId()).startsWith("RES-"));
        assertThat(db.available(sku("book-0001"))).isEqualTo(9_997);
        assertThat(db.available(sku("book-0002"))).isEqualTo(9_998);
        assertThat(db.reservedUnits(run + "order-1")).isEqualTo(5);
        assertThat(reserved()).isEqualTo(5);
    }

    @Test
    void reservesExactlyTheUnitsLeft() {
        stock(Map.of("book-0007", 5));

        assertThat(reserve("order-1", reserve(item(sku("book-0007"), 5)))).isInstanceOf(InventoryReserved.class);
        assertThat(db.available(sku("book-0007"))).isZero();
    }

    @Test
    void refusesMoreUnitsThanAreLeft() {
        stock(Map.of("book-0007", 3));

        InventoryEvent event = reserve("order-1", reserve(item(sku("book-0007"), 5)));

        assertThat(event).isEqualTo(new InventoryCheckKO("Only 3 units of " + sku("book-0007") + " left, 5 requested"));
        assertThat(db.available(sku("book-0007"))).isEqualTo(3);
        assertThat(db.reservedUnits(run + "order-1")).isZero();
    }

    @Test
    void countsRepeatedSkusOfOneOrderTogether() {
        stock(Map.of("book-0007", 5));

        InventoryEvent event = reserve("order-1", reserve(item(sku("book-0007"), 3), item(sku("book-0007"), 3)));

        assertThat(event).isEqualTo(new InventoryCheckKO("Only 5 units of " + sku("book-0007") + " left, 6 requested"));
    }

    @Test
    void refusesAnUnknownSku() {
        InventoryEvent event = reserve("order-1", reserve(item("book-9999", 1)));

        assertThat(event).isEqualTo(new InventoryCheckKO("Unknown SKU book-9999"));
    }

    @Test
    void reservesAllItemsOrNothing() {
        stock(Map.of("book-0001", 10, "book-0002", 1));

        InventoryEvent event = reserve("order-1", reserve(item(sku("book-0001"), 4), item(sku("book-0002"), 2), item("nope", 1)));

        assertThat(event).isInstanceOfSatisfying(InventoryCheckKO.class, ko -> assertThat(ko.reason())
                .contains("Only 1 units of " + sku("book-0002") + " left, 2 requested")
                .contains("Unknown SKU nope"));
        assertThat(db.available(sku("book-0001"))).isEqualTo(10);
        assertThat(db.available(sku("book-0002"))).isEqualTo(1);
        assertThat(reserved()).isZero();
    }

    @Test
    void releaseReturnsTheOrdersReservedUnits() {
        reserve("order-1", reserve(item(sku("book-0001"), 3), item(sku("book-0002"), 2)));

        InventoryReleased released = release("order-1", new ReleaseInventory(List.of()));

        assertThat(released.releasedUnits()).isEqualTo(5);
        assertThat(db.available(sku("book-0001"))).isEqualTo(10_000);
        assertThat(db.available(sku("book-0002"))).isEqualTo(10_000);
        assertThat(db.reservedUnits(run + "order-1")).isZero();
        assertThat(inventory.isCompensated(run + "order-1")).isTrue();
    }

    @Test
    void releasingTwiceReleasesOnce() {
        reserve("order-1", reserve(item(sku("book-0001"), 3)));
        reserve("order-2", reserve(item(sku("book-0001"), 4)));

        release("order-1", new ReleaseInventory(null));
        InventoryReleased again = release("order-1", new ReleaseInventory(null));

        assertThat(again.releasedUnits()).isEqualTo(3);
        assertThat(db.available(sku("book-0001"))).isEqualTo(10_000 - 4);
        assertThat(db.reservedUnits(run + "order-2")).isEqualTo(4);
    }

    @Test
    void releaseOfNothingIsAConfirmedNoOp() {
        InventoryReleased released = release("order-1", new ReleaseInventory(List.of(item(sku("book-0001"), 3))));

        assertThat(released.releasedUnits()).isZero();
        assertThat(db.available(sku("book-0001"))).isEqualTo(10_000);
    }

    @Test
    void releaseAfterARefusedReservationReleasesNothing() {
        reserve("order-1", reserve(item("unknown", 1)));

        assertThat(release("order-1", new ReleaseInventory(null)).releasedUnits()).isZero();
    }

    @Test
    void reserveAfterReleaseIsRefusedForever() {
        release("order-1", new ReleaseInventory(null));

        InventoryEvent late = reserve("order-1", reserve(item(sku("book-0001"), 3)));
        InventoryEvent later = reserve("order-1", reserve(item(sku("book-0001"), 3)));

        assertThat(late).isEqualTo(new InventoryCheckKO("order " + run + "order-1 was already compensated"));
        assertThat(later).isEqualTo(late);
        assertThat(db.available(sku("book-0001"))).isEqualTo(10_000);
        assertThat(db.reservedUnits(run + "order-1")).isZero();
    }

    @Test
    void anOrderIsReservedOnlyOnceAndGetsItsOutcomeAgain() {
        InventoryEvent first = reserve("order-1", reserve(item(sku("book-0001"), 3)));

        InventoryEvent second = reserve("order-1", reserve(item(sku("book-0001"), 3)));

        assertThat(second).isEqualTo(first);
        assertThat(db.available(sku("book-0001"))).isEqualTo(9_997);
    }

    @Test
    void aRefusedOrderGetsItsRefusalAgain() {
        stock(Map.of("book-0007", 3));
        InventoryEvent first = reserve("order-1", reserve(item(sku("book-0007"), 5)));

        InventoryEvent second = reserve("order-1", reserve(item(sku("book-0007"), 1)));

        assertThat(second).isEqualTo(first);
        assertThat(db.available(sku("book-0007"))).isEqualTo(3);
    }

    @Test
    void concurrentReservationsNeverOversell() throws Exception {
        stock(Map.of("book-0001", 100, "book-0002", 100));
        List<Callable<InventoryEvent>> orders = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String orderId = "order-" + i;
            orders.add(() -> reserve(orderId, reserve(item(sku("book-0001"), 3), item(sku("book-0002"), 2))));
        }
        List<Future<InventoryEvent>> results;
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            results = threads.invokeAll(orders);
        }

        long reserved = 0;
        for (Future<InventoryEvent> result : results) {
            reserved += result.get() instanceof InventoryReserved ? 1 : 0;
        }
        assertThat(reserved).isEqualTo(33);
        assertThat(db.available(sku("book-0001"))).isEqualTo(1);
        assertThat(db.available(sku("book-0002"))).isEqualTo(100 - 66);
        assertThat(reserved()).isEqualTo(33 * 5);
    }

    private String sku(String name) {
        return run + name;
    }

    private void stock(Map<String, Integer> units) {
        units.forEach((name, count) -> db.restock(sku(name), count));
    }

    private int reserved() {
        return db.reservedUnitsOf(sku("book-0001")) + db.reservedUnitsOf(sku("book-0002")) + db.reservedUnitsOf(sku("book-0007"));
    }

    private InventoryEvent reserve(String order, ReserveInventory command) {
        return transaction.handle(run + order, "ReserveInventory", () -> inventory.reserve(run + order, "cmd", command));
    }

    private InventoryReleased release(String order, ReleaseInventory command) {
        return transaction.handle(run + order, "ReleaseInventory", () -> inventory.release(run + order, "cmd", command));
    }

    static ReserveInventory reserve(Item... items) {
        return new ReserveInventory(List.of(items));
    }

    static Item item(String sku, int quantity) {
        return new Item(sku, quantity, new BigDecimal("12.50"));
    }
}

package dev.ordersaga.participants.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.participants.inventory.api.InventoryCheckKO;
import dev.ordersaga.participants.inventory.api.InventoryEvent;
import dev.ordersaga.participants.inventory.api.InventoryReleased;
import dev.ordersaga.participants.inventory.api.InventoryReserved;
import dev.ordersaga.participants.api.Item;
import dev.ordersaga.participants.inventory.api.ReleaseInventory;
import dev.ordersaga.participants.inventory.api.ReserveInventory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InventoryTest {

    private final Inventory inventory = Inventory.withDemoStock();

    @Test
    void demoStockHasAHundredBooksOfTenThousandUnits() {
        assertThat(inventory.available("book-0001")).isEqualTo(10_000);
        assertThat(inventory.available("book-0100")).isEqualTo(10_000);
        assertThat(inventory.available("book-0101")).isZero();
        assertThat(inventory.totalReserved()).isZero();
    }

    @Test
    void reservesWhenThereIsEnoughStock() {
        InventoryEvent event = inventory.reserve("order-1", reserve(item("book-0001", 3), item("book-0002", 2)));

        assertThat(event).isInstanceOfSatisfying(InventoryReserved.class, reserved -> assertThat(reserved.reservationId()).startsWith("RES-"));
        assertThat(inventory.available("book-0001")).isEqualTo(9_997);
        assertThat(inventory.available("book-0002")).isEqualTo(9_998);
        assertThat(inventory.reservedUnits("order-1")).isEqualTo(5);
        assertThat(inventory.totalReserved()).isEqualTo(5);
    }

    @Test
    void reservesExactlyTheUnitsLeft() {
        var small = new Inventory(Map.of("book-0007", 5));

        assertThat(small.reserve("order-1", reserve(item("book-0007", 5)))).isInstanceOf(InventoryReserved.class);
        assertThat(small.available("book-0007")).isZero();
    }

    @Test
    void refusesMoreUnitsThanAreLeft() {
        var small = new Inventory(Map.of("book-0007", 3));

        InventoryEvent event = small.reserve("order-1", reserve(item("book-0007", 5)));

        assertThat(event).isEqualTo(new InventoryCheckKO("Only 3 units of book-0007 left, 5 requested"));
        assertThat(small.available("book-0007")).isEqualTo(3);
        assertThat(small.reservedUnits("order-1")).isZero();
    }

    @Test
    void countsRepeatedSkusOfOneOrderTogether() {
        var small = new Inventory(Map.of("book-0007", 5));

        InventoryEvent event = small.reserve("order-1", reserve(item("book-0007", 3), item("book-0007", 3)));

        assertThat(event).isEqualTo(new InventoryCheckKO("Only 5 units of book-0007 left, 6 requested"));
    }

    @Test
    void refusesAnUnknownSku() {
        InventoryEvent event = inventory.reserve("order-1", reserve(item("book-9999", 1)));

        assertThat(event).isEqualTo(new InventoryCheckKO("Unknown SKU book-9999"));
    }

    @Test
    void reservesAllItemsOrNothing() {
        var small = new Inventory(Map.of("book-0001", 10, "book-0002", 1));

        InventoryEvent event = small.reserve("order-1", reserve(item("book-0001", 4), item("book-0002", 2), item("nope", 1)));

        assertThat(event).isInstanceOfSatisfying(InventoryCheckKO.class, ko -> assertThat(ko.reason())
                .contains("Only 1 units of book-0002 left, 2 requested")
                .contains("Unknown SKU nope"));
        assertThat(small.available("book-0001")).isEqualTo(10);
        assertThat(small.available("book-0002")).isEqualTo(1);
        assertThat(small.totalReserved()).isZero();
    }

    @Test
    void releaseReturnsTheOrdersReservedUnits() {
        inventory.reserve("order-1", reserve(item("book-0001", 3), item("book-0002", 2)));

        InventoryReleased released = inventory.release("order-1", new ReleaseInventory(List.of()));

        assertThat(released.releasedUnits()).isEqualTo(5);
        assertThat(inventory.available("book-0001")).isEqualTo(10_000);
        assertThat(inventory.available("book-0002")).isEqualTo(10_000);
        assertThat(inventory.reservedUnits("order-1")).isZero();
        assertThat(inventory.isCompensated("order-1")).isTrue();
    }

    @Test
    void releasingTwiceReleasesOnce() {
        inventory.reserve("order-1", reserve(item("book-0001", 3)));
        inventory.reserve("order-2", reserve(item("book-0001", 4)));

        inventory.release("order-1", new ReleaseInventory(null));
        InventoryReleased again = inventory.release("order-1", new ReleaseInventory(null));

        assertThat(again.releasedUnits()).isEqualTo(3);
        assertThat(inventory.available("book-0001")).isEqualTo(10_000 - 4);
        assertThat(inventory.reservedUnits("order-2")).isEqualTo(4);
    }

    @Test
    void releaseOfNothingIsAConfirmedNoOp() {
        InventoryReleased released = inventory.release("order-1", new ReleaseInventory(List.of(item("book-0001", 3))));

        assertThat(released.releasedUnits()).isZero();
        assertThat(inventory.available("book-0001")).isEqualTo(10_000);
    }

    @Test
    void releaseAfterARefusedReservationReleasesNothing() {
        inventory.reserve("order-1", reserve(item("unknown", 1)));

        assertThat(inventory.release("order-1", new ReleaseInventory(null)).releasedUnits()).isZero();
    }

    @Test
    void reserveAfterReleaseIsRefusedForever() {
        inventory.release("order-1", new ReleaseInventory(null));

        InventoryEvent late = inventory.reserve("order-1", reserve(item("book-0001", 3)));
        InventoryEvent later = inventory.reserve("order-1", reserve(item("book-0001", 3)));

        assertThat(late).isEqualTo(new InventoryCheckKO("order order-1 was already compensated"));
        assertThat(later).isEqualTo(late);
        assertThat(inventory.available("book-0001")).isEqualTo(10_000);
        assertThat(inventory.reservedUnits("order-1")).isZero();
    }

    @Test
    void anOrderIsReservedOnlyOnceAndGetsItsOutcomeAgain() {
        InventoryEvent first = inventory.reserve("order-1", reserve(item("book-0001", 3)));

        InventoryEvent second = inventory.reserve("order-1", reserve(item("book-0001", 3)));

        assertThat(second).isEqualTo(first);
        assertThat(inventory.available("book-0001")).isEqualTo(9_997);
    }

    @Test
    void aRefusedOrderGetsItsRefusalAgain() {
        var small = new Inventory(Map.of("book-0007", 3));
        InventoryEvent first = small.reserve("order-1", reserve(item("book-0007", 5)));

        InventoryEvent second = small.reserve("order-1", reserve(item("book-0007", 1)));

        assertThat(second).isEqualTo(first);
        assertThat(small.available("book-0007")).isEqualTo(3);
    }

    @Test
    void concurrentReservationsNeverOversell() throws Exception {
        var small = new Inventory(Map.of("book-0001", 100, "book-0002", 100));
        List<Callable<InventoryEvent>> orders = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String orderId = "order-" + i;
            orders.add(() -> small.reserve(orderId, reserve(item("book-0001", 3), item("book-0002", 2))));
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
        assertThat(small.available("book-0001")).isEqualTo(1);
        assertThat(small.available("book-0002")).isEqualTo(100 - 66);
        assertThat(small.totalReserved()).isEqualTo(33 * 5);
    }

    static ReserveInventory reserve(Item... items) {
        return new ReserveInventory(List.of(items));
    }

    static Item item(String sku, int quantity) {
        return new Item(sku, quantity, new BigDecimal("12.50"));
    }
}

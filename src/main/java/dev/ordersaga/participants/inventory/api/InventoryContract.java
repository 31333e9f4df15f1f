package dev.ordersaga.participants.inventory.api;

import dev.ordersaga.participants.api.Item;
import java.util.List;

/**
 * The inventory's messages, on {@code inventory-commands} and {@code inventory-events}: a record each, whose simple name is
 * its type on the wire. A payload that does not fit its record is malformed.
 */
public final class InventoryContract {

    private InventoryContract() {}

    /** Reserve all these items for the order, or none. */
    public record ReserveInventory(List<Item> items) {

        public ReserveInventory {
            if (items == null || items.isEmpty()) {
                throw new IllegalArgumentException("items must not be empty");
            }
            items = List.copyOf(items);
        }
    }

    /** Compensation of {@link ReserveInventory}: what is released is what the order holds; the items are for information. */
    public record ReleaseInventory(List<Item> items) {

        public ReleaseInventory {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    public sealed interface InventoryEvent permits InventoryReserved, InventoryCheckKO, InventoryReleased {}

    public record InventoryReserved(String reservationId) implements InventoryEvent {}

    /** The business failure: nothing was reserved. */
    public record InventoryCheckKO(String reason) implements InventoryEvent {}

    /** {@code releasedUnits} is 0 when the order held none. */
    public record InventoryReleased(int releasedUnits) implements InventoryEvent {}
}

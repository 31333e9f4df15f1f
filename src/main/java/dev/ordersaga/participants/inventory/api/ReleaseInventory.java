package dev.ordersaga.participants.inventory.api;

import dev.ordersaga.participants.api.Item;
import java.util.List;

/**
 * Compensation of {@link ReserveInventory}: release what the order holds. The items are those of the
 * order, for information; what is released is what the inventory reserved for the order.
 */
public record ReleaseInventory(List<Item> items) implements InventoryCommand {

    public ReleaseInventory {
        items = items == null ? List.of() : List.copyOf(items);
    }
}

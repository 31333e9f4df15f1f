package dev.ordersaga.participants.inventory.api;

import dev.ordersaga.participants.api.Item;
import java.util.List;

/** Reserve all these items for the order, or none. */
public record ReserveInventory(List<Item> items) implements InventoryCommand {

    public ReserveInventory {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("items must not be empty");
        }
        items = List.copyOf(items);
    }
}

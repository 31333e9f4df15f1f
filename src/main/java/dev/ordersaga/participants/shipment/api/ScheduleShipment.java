package dev.ordersaga.participants.shipment.api;

import dev.ordersaga.participants.api.Item;
import java.util.List;

/** Ship the order's items to the address. */
public record ScheduleShipment(Address address, List<Item> items) implements ShipmentCommand {

    public ScheduleShipment {
        if (address == null) {
            throw new IllegalArgumentException("address is required");
        }
        items = items == null ? List.of() : List.copyOf(items);
    }
}

package dev.ordersaga.participants.shipment.api;

import dev.ordersaga.participants.api.Item;
import java.util.List;

/**
 * The shipment's messages, on {@code shipment-commands} and {@code shipment-events}: a record each, whose simple name is its
 * type on the wire. A payload that does not fit its record is malformed.
 */
public final class ShipmentContract {

    private ShipmentContract() {}

    /** Ship the order's items to the address. */
    public record ScheduleShipment(Address address, List<Item> items) {

        public ScheduleShipment {
            if (address == null) {
                throw new IllegalArgumentException("address is required");
            }
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** {@code country} is an ISO 3166-1 alpha-2 code. */
    public record Address(String name, String street, String city, String postalCode, String country) {

        public Address {
            require("name", name);
            require("street", street);
            require("city", city);
            require("postalCode", postalCode);
            require("country", country);
        }

        private static void require(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("address " + field + " is required");
            }
        }
    }

    /** Compensation of {@link ScheduleShipment}; it has no fields. */
    public record CancelShipment() {}

    public sealed interface ShipmentEvent permits ShipmentScheduled, ShipmentKO, ShipmentCancelled {}

    public record ShipmentScheduled(String trackingNumber) implements ShipmentEvent {}

    /** The business failure: nothing was scheduled. */
    public record ShipmentKO(String reason) implements ShipmentEvent {}

    /** {@code cancelled} is false when there was no shipment to cancel. */
    public record ShipmentCancelled(boolean cancelled) implements ShipmentEvent {}
}

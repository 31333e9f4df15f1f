package dev.ordersaga.participants.shipment.api;

import dev.ordersaga.participants.api.Item;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * The shipment's messages, on {@code shipment-commands} and {@code shipment-events}: a record each, whose simple name is its
 * type on the wire. A payload that breaks its record's constraints is malformed.
 */
public final class ShipmentContract {

    private ShipmentContract() {}

    /** Ship the order's items to the address. */
    public record ScheduleShipment(@NotNull @Valid Address address, List<@NotNull @Valid Item> items) {}

    /** {@code country} is an ISO 3166-1 alpha-2 code. */
    public record Address(@NotBlank String name, @NotBlank String street, @NotBlank String city, @NotBlank String postalCode,
            @NotBlank String country) {}

    /** Compensation of {@link ScheduleShipment}; it has no fields. */
    public record CancelShipment() {}

    public sealed interface ShipmentEvent permits ShipmentScheduled, ShipmentKO, ShipmentCancelled {}

    public record ShipmentScheduled(String trackingNumber) implements ShipmentEvent {}

    /** The business failure: nothing was scheduled. */
    public record ShipmentKO(String reason) implements ShipmentEvent {}

    /** {@code cancelled} is false when there was no shipment to cancel. */
    public record ShipmentCancelled(boolean cancelled) implements ShipmentEvent {}
}

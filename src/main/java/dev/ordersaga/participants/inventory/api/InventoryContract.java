package dev.ordersaga.participants.inventory.api;

import dev.ordersaga.participants.api.Item;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * The inventory's messages, on {@code inventory-commands} and {@code inventory-events}: a record each, whose simple name is
 * its type on the wire. A payload that breaks its record's constraints is malformed.
 */
public final class InventoryContract {

    private InventoryContract() {}

    /** Reserve all these items for the order, or none. */
    public record ReserveInventory(@NotEmpty List<@NotNull @Valid Item> items) {}

    /** Compensation of {@link ReserveInventory}: what is released is what the order holds; the items are for information. */
    public record ReleaseInventory(List<@NotNull @Valid Item> items) {}

    public sealed interface InventoryEvent permits InventoryReserved, InventoryCheckKO, InventoryReleased {}

    public record InventoryReserved(String reservationId) implements InventoryEvent {}

    /** The business failure: nothing was reserved. */
    public record InventoryCheckKO(String reason) implements InventoryEvent {}

    /** {@code releasedUnits} is 0 when the order held none. */
    public record InventoryReleased(int releasedUnits) implements InventoryEvent {}
}

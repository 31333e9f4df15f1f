package dev.ordersaga.participants.inventory.api;

/** The order's reservation is released; {@code releasedUnits} is 0 if it had none. */
public record InventoryReleased(int releasedUnits) implements InventoryEvent {}

package dev.ordersaga.participants.inventory.api;

/** An outcome the inventory participant publishes. */
public sealed interface InventoryEvent permits InventoryReserved, InventoryCheckKO, InventoryReleased {}

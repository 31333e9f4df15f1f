package dev.ordersaga.participants.inventory.api;

/** A command the inventory participant consumes. */
public sealed interface InventoryCommand permits ReserveInventory, ReleaseInventory {}

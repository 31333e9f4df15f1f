package dev.ordersaga.participants.inventory.api;

/** Business failure: nothing was reserved, for this reason (a sentence for people). */
public record InventoryCheckKO(String reason) implements InventoryEvent {}

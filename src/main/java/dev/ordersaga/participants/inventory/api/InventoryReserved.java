package dev.ordersaga.participants.inventory.api;

/** Every item of the order is reserved. */
public record InventoryReserved(String reservationId) implements InventoryEvent {}

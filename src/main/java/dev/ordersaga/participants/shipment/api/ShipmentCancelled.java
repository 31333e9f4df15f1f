package dev.ordersaga.participants.shipment.api;

/** The order's shipment is cancelled; {@code cancelled} is false if there was none to cancel. */
public record ShipmentCancelled(boolean cancelled) implements ShipmentEvent {}

package dev.ordersaga.participants.shipment.api;

/** The order's parcel is scheduled; {@code trackingNumber} identifies it. */
public record ShipmentScheduled(String trackingNumber) implements ShipmentEvent {}

package dev.ordersaga.participants.shipment.api;

/** Compensation of {@link ScheduleShipment}: cancel the order's shipment. It has no fields. */
public record CancelShipment() implements ShipmentCommand {}

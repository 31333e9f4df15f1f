package dev.ordersaga.participants.shipment.api;

/** A command the shipment participant consumes. */
public sealed interface ShipmentCommand permits ScheduleShipment, CancelShipment {}

package dev.ordersaga.participants.shipment.api;

/** An outcome the shipment participant publishes. */
public sealed interface ShipmentEvent permits ShipmentScheduled, ShipmentKO, ShipmentCancelled {}

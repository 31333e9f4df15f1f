package dev.ordersaga.participants.shipment.api;

/** Business failure: nothing was scheduled, for this reason (a sentence for people). */
public record ShipmentKO(String reason) implements ShipmentEvent {}

/**
 * The message contract of the shipment participant: a payload record per command and event; a command or event
 * type on the wire is its record's name. It consumes {@code shipment-commands} and answers on {@code
 * shipment-events}, with {@code source} {@code shipment}. Commands: {@code ScheduleShipment {address: {name,
 * street, city, postalCode, country}, items}} and its compensation {@code CancelShipment {}}; events: {@code
 * ShipmentScheduled {trackingNumber}}, {@code ShipmentKO {reason}} (business failure) and {@code ShipmentCancelled
 * {cancelled}}. Payload records check their fields when they are built, so a payload that does not fit is rejected
 * as malformed. Depends on nothing but the JDK.
 */
package dev.ordersaga.participants.shipment.api;

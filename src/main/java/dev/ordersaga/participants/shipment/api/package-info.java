/**
 * The message contract of the shipment participant: the topic and type names ({@link
 * dev.ordersaga.participants.shipment.api.ShipmentContract}) and a payload record per command and event.
 * Commands: {@code ScheduleShipment {address: {name, street, city, postalCode, country}, items}} and its
 * compensation {@code CancelShipment {}}; events: {@code ShipmentScheduled {trackingNumber}}, {@code
 * ShipmentKO {reason}} (business failure) and {@code ShipmentCancelled {cancelled}}. Payload records check
 * their fields when they are built, so a payload that does not fit is rejected as malformed. Depends on
 * nothing but the JDK.
 */
package dev.ordersaga.participants.shipment.api;

/**
 * The message contract of the inventory participant: the topic and type names ({@link
 * dev.ordersaga.participants.inventory.api.InventoryContract}) and a payload record per command and
 * event. Commands: {@code ReserveInventory {items}} and its compensation {@code ReleaseInventory {items}};
 * events: {@code InventoryReserved {reservationId}}, {@code InventoryCheckKO {reason}} (business failure)
 * and {@code InventoryReleased {releasedUnits}}. Payload records check their fields when they are built,
 * so a payload that does not fit is rejected as malformed. Depends on nothing but the JDK.
 */
package dev.ordersaga.participants.inventory.api;

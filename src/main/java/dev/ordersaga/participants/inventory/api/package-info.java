/**
 * The message contract of the inventory participant: a payload record per command and event; a command or event
 * type on the wire is its record's name. It consumes {@code inventory-commands} and answers on {@code
 * inventory-events}, with {@code source} {@code inventory}. Commands: {@code ReserveInventory {items}} and its
 * compensation {@code ReleaseInventory {items}}; events: {@code InventoryReserved {reservationId}}, {@code
 * InventoryCheckKO {reason}} (business failure) and {@code InventoryReleased {releasedUnits}}. Payload records
 * check their fields when they are built, so a payload that does not fit is rejected as malformed. Depends on
 * nothing but the JDK.
 */
package dev.ordersaga.participants.inventory.api;

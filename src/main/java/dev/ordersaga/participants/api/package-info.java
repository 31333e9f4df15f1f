/**
 * What more than one participant's message contract carries: the order line ({@link dev.ordersaga.participants.api.Item}),
 * in {@code ReserveInventory}, {@code ReleaseInventory} and {@code ScheduleShipment}. Depends on nothing but the JDK.
 */
package dev.ordersaga.participants.api;

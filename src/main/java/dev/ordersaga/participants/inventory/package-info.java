/**
 * The reference inventory participant: stock of SKUs {@code book-0001} … {@code book-0100}, 10,000 units
 * each at start. {@link dev.ordersaga.participants.inventory.Inventory} holds the rules: a reservation is
 * all items or nothing (an unknown SKU, or more units than are left, refuses it with {@code
 * InventoryCheckKO}); an order holds at most one reservation; a release returns the order's reserved
 * units, releasing nothing is a confirmed no-op, and once an order is released (compensated) any later
 * reservation for it is refused. {@link dev.ordersaga.participants.inventory.InventoryHandler} connects
 * the rules to the shared participant pipeline. State is in memory (a demo service) and guarded by one
 * lock, so that concurrent listener threads update stock atomically.
 */
package dev.ordersaga.participants.inventory;

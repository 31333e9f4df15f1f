/**
 * The participants' PostgreSQL (schema by Flyway, {@code db/participants}): their state, the inbox of handled commands with
 * their replies, the outbox of replies to send, the ledger; one transaction per command.
 */
package dev.ordersaga.participants.support.store;

/**
 * Where the reference participants keep what they know, in a relational database (PostgreSQL; Spring Boot's
 * {@code spring.datasource.*}, the embedded default starts one): the inbox of handled commands with their replies
 * (deduplication), the outbox of replies to send, the ledger of what each did per order, the compensation markers and
 * the stock and credit. A command is handled in one transaction ({@link ParticipantStore#handle}); its reply is sent
 * after the commit and again by the {@link OutboxRelay} until Kafka acknowledged it. The schema is Flyway's
 * ({@code db/participants}).
 */
package dev.ordersaga.participants.support.store;

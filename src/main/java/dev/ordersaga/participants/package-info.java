/**
 * The four reference participants of the order saga: inventory, payment, shipment and notification.
 * Each consumes its {@code <name>-commands} topic and answers on {@code <name>-events}, speaking only
 * the shared envelope of {@link dev.ordersaga.messaging}; none knows the process, the bridge, the order
 * API or another participant. They are demo services: all their state is in memory and is lost on
 * restart. All four run in this application by default; {@code order-saga.participants.enabled=false}
 * (or {@code order-saga.participants.<name>.enabled=false}) leaves the topics to services of your own.
 *
 * <p>A participant is data: its domain class (the rules and state), its {@link
 * dev.ordersaga.participants.support.CommandHandler} (which commands it takes, what it answers) and its {@code api}
 * sub-package (the message contract; {@link dev.ordersaga.participants.api} holds what two contracts share).
 * {@link dev.ordersaga.participants.support} holds everything else, once: the registration of every handler bean with
 * its settings ({@code order-saga.participants.<name>.*}) and its listener container, the command → handler → reply
 * pipeline, deduplication by command id, header echo, fault injection and the admin endpoint. A fifth participant
 * needs no listener, properties or configuration class.
 */
package dev.ordersaga.participants;

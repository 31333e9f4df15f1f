/**
 * The reference participants: inventory, payment, shipment and notification. Each consumes {@code <name>-commands} and
 * answers on {@code <name>-events} in the shared envelope of {@link dev.ordersaga.messaging}, knowing nothing of the process
 * nor of each other; {@code order-saga.participants.enabled=false} (or {@code .<name>.enabled=false}) leaves the topics to
 * services of your own.
 *
 * <p>A participant is its domain class, a {@link dev.ordersaga.participants.support.CommandHandler} whose {@link
 * dev.ordersaga.participants.support.CommandHandler.OnCommand} methods take its commands, and its {@code api} contract. Everything else is
 * in {@link dev.ordersaga.participants.support}, once: settings, listener, inbox, outbox, faults and the admin endpoint.
 */
package dev.ordersaga.participants;

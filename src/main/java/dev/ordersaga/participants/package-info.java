/**
 * The four reference participants of the order saga: inventory, payment, shipment and notification.
 * Each consumes its {@code <name>-commands} topic and answers on {@code <name>-events}, speaking only
 * the shared envelope of {@link dev.ordersaga.messaging}; none knows the process, the bridge, the order
 * API or another participant. They are demo services: all their state is in memory and is lost on
 * restart. All four run in this application by default; {@code order-saga.participants.enabled=false}
 * (or {@code order-saga.participants.<name>.enabled=false}) leaves the topics to services of your own.
 *
 * <p>{@link dev.ordersaga.participants.support} holds what the four share: the listener → handler →
 * reply pipeline, deduplication by command id, header echo, fault injection and the admin endpoint.
 * Each participant package holds its business rules and its {@code api} sub-package its message contract.
 */
package dev.ordersaga.participants;

/**
 * Order tracking: a projection of every order's state and history, built only from what the saga already
 * writes to Kafka (commands, outcome events, state changes), and the read side of the REST API
 * ({@code GET /orders/{orderId}}). Applying a message is idempotent (by message id) and states only move
 * forward, so duplicates and late messages change nothing.
 */
package dev.ordersaga.tracking;

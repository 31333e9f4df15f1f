/**
 * Order tracking: a projection of every order's state and history into Elasticsearch, built only from what
 * the saga already writes to Kafka (commands, outcome events, state changes), and the read side of the REST
 * API ({@code GET /orders/{orderId}}, {@code GET /orders}, {@code GET /orders/stats}). Applying a message is
 * idempotent (documents are keyed by order id and message id) and states only move forward, so duplicates
 * and late messages change nothing. The saga never waits for the projection. See docs/tracking.md.
 */
package dev.ordersaga.tracking;

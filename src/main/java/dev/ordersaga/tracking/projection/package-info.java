/**
 * The projection, the writing half of order tracking: reads every command, outcome event and state change the saga
 * writes to Kafka ({@link dev.ordersaga.tracking.projection.OrderProjector}), merges each order's messages into its
 * document ({@link dev.ordersaga.tracking.projection.OrderMerge}: idempotent, states only move forward) and writes
 * the batch with optimistic concurrency ({@link dev.ordersaga.tracking.projection.OrderWriter}, remembering the orders
 * it wrote last); sets the index, its template and its alias up, and says when that is done (readiness). Knows nothing
 * of the queries; shares only the document model of {@code dev.ordersaga.tracking} with them.
 */
package dev.ordersaga.tracking.projection;

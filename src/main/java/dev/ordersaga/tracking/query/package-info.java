/**
 * The queries, the reading half of order tracking: {@code GET /orders/{orderId}} (a real-time read of one order),
 * {@code GET /orders} (filters, page, sort) and {@code GET /orders/stats} (counts per state), answered from the
 * projection's documents in Elasticsearch; the order feature's view of an order's state; links to Operate. Knows
 * nothing of how the documents are written; shares only the document model of {@code dev.ordersaga.tracking} with the
 * projection.
 */
package dev.ordersaga.tracking.query;

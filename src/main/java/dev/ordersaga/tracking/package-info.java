/**
 * Order tracking: a projection of every order's state and history into Elasticsearch, built only from what the saga
 * already writes to Kafka (commands, outcome events, state changes), and the read side of the REST API. Two halves that
 * meet only in the documents: {@code projection} writes them, {@code query} reads them. This package holds what both
 * share: the document model ({@link dev.ordersaga.tracking.OrderDocument}, its history entries, incident and BPMN
 * elements), the index's names and mapping, and the JSON mapping of the Elasticsearch client. The saga never waits for
 * the projection. See docs/tracking.md.
 */
package dev.ordersaga.tracking;

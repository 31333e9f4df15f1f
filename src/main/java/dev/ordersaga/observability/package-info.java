/**
 * Observability of the saga: what an operator reads without reading code. It owns
 * <ul>
 *   <li>the saga's own metrics ({@link dev.ordersaga.observability.SagaMetrics}: orders started, finished and in flight,
 *       per step the command-to-outcome time and the outcomes by kind, compensations, incidents, dead-letter records;
 *       {@link dev.ordersaga.observability.ProjectionMetrics}: the projection's lag and write latency), with tag values
 *       from small fixed sets only (steps, states, topics; never an order, customer or command id);
 *   <li>one trace per order ({@link dev.ordersaga.observability.SagaTracing}): the trace id is derived from the order id,
 *       so {@code GET /orders/{id}} and every log line can name it without storing it; the root span is opened when
 *       {@code POST /orders} places the order, its context travels with the process instance as the variable
 *       {@value dev.ordersaga.observability.SagaTracing#TRACEPARENT_VARIABLE} and with every Kafka message as the
 *       {@code traceparent} header;
 *   <li>the library metrics and observations it switches on (application.yml), the Grafana dashboard and the
 *       Prometheus alert rules (helm/order-saga/files/), checked against what the application exposes.
 * </ul>
 * The other features call it at a few hook points only; it never changes what they do.
 */
package dev.ordersaga.observability;

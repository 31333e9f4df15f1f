/**
 * The order page in the browser, served by the application at {@code /} (static files under {@code
 * src/main/resources/static/}: the page, its script and style, and the vendored bpmn-js viewer with its licence),
 * and the read endpoints it needs beyond the tracking API: the BPMN of each deployed process version, every order's
 * path on that diagram ({@code GET /orders/{orderId}/path}), and how many orders are at, passed or failed at each
 * element (a heat map from Elasticsearch aggregations). The page reads only these public endpoints and the tracking
 * API, like any other client. It changes no order and writes nothing but what {@code POST /orders} writes.
 */
package dev.ordersaga.web;

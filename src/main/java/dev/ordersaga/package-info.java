/**
 * order-saga: an e-commerce order run as a saga on Camunda 8, with participants over Kafka.
 *
 * <ul>
 *   <li>{@code messaging}: the wire contract every Kafka message follows (envelope, headers, dead letters);
 *   <li>{@code bridge}: the generic job worker that turns a BPMN service task into a Kafka command and its
 *       outcome event back into job completion or a BPMN error;
 *   <li>{@code order}: placing orders (REST) and publishing their business states;
 *   <li>{@code tracking}: the projection of every order's state and history, and reading orders (REST);
 *   <li>{@code web}: the order page in the browser, each order's path on its BPMN diagram, the heat map, the OpenAPI
 *       description of the API;
 *   <li>{@code participants}: the reference inventory, payment, shipment and notification services;
 *   <li>{@code security}: who may call the API (JWT scopes), request limits, the Elasticsearch API key.
 * </ul>
 */
package dev.ordersaga;

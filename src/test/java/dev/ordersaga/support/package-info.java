/** Test support: the common Spring Boot test setup and Kafka topic probes of the integration tests, shared settings of unit tests. */
package dev.ordersaga.support;

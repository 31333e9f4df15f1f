/** Test support shared by the integration tests: the common Spring Boot test setup and Kafka topic probes. */
package dev.ordersaga.support;

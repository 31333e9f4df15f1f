/**
 * The embedded default: a real in-memory Zeebe engine and a real KRaft Kafka broker, started in this
 * JVM, and a real single-node Elasticsearch, started as a child process, when no endpoint is configured.
 * It lives on the test classpath only: {@code ./mvnw spring-boot:run} and the integration tests use it;
 * the packaged application never contains it.
 */
package dev.ordersaga.embedded;

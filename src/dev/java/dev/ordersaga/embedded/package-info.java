/**
 * The embedded default: a real in-memory Zeebe engine and a real KRaft Kafka broker, started in this
 * JVM, and a real single-node Elasticsearch, started as a child process, when no endpoint is configured.
 * Source set {@code src/dev} (not {@code src/main}, not {@code src/test}): {@code ./mvnw spring-boot:run} runs the
 * application with it ({@code target/dev-classes}, without the tests), the integration tests and the benchmark use
 * it too; the packaged application never contains it. It is registered as an {@code EnvironmentPostProcessor} in
 * {@code src/dev/resources/META-INF/spring.factories}, present on those classpaths only: no component scan finds it.
 */
package dev.ordersaga.embedded;

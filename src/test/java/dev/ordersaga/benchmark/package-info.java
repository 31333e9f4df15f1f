/**
 * The performance benchmark ({@code ./mvnw -Pbenchmark verify}, see the README, "Performance"): the
 * whole application on the embedded engine and broker in one JVM, driven in a closed loop at a fixed
 * concurrency, in alternating blocks of three configurations: the Kafka chain (the participants' four
 * request/reply exchanges with no engine), engine only (the same BPMN with workers that complete at once,
 * no Kafka) and the saga (orders through {@code OrderService}, end to end to {@code OrderShipped}).
 *
 * <p>This is not a test: nothing here asserts a time, and {@code ./mvnw verify} does not run it. No class
 * here is a Spring stereotype, so the application's component scan (which also sees the test classpath)
 * never picks anything up: the benchmark registers what it needs itself.
 */
package dev.ordersaga.benchmark;

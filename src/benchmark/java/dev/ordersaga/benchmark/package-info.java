/**
 * The performance benchmark ({@code ./mvnw -Pbenchmark verify}, see {@code docs/performance.md}): the
 * whole application on the embedded engine and broker in one JVM, driven in a closed loop at a fixed
 * concurrency, in alternating blocks of three configurations: the Kafka chain (the participants' four
 * request/reply exchanges with no engine), engine only (the same BPMN with workers that complete at once,
 * no Kafka) and the saga (orders through {@code OrderService}, end to end to {@code OrderShipped}).
 *
 * <p>Source set {@code src/benchmark}, built and run only by the {@code benchmark} profile, in a JVM whose class
 * path has the application, {@code src/dev} and the benchmark, never the tests. This package holds the run
 * ({@link dev.ordersaga.benchmark.OrderSagaBenchmark}), its knobs ({@link dev.ordersaga.benchmark.BenchmarkSettings})
 * and its launcher; {@code driver} the load (closed and open loops, the orders, the warm-up rule), {@code systems}
 * the three systems under test, {@code probes} what is measured besides latency (CPU, memory, heap, JFR, the
 * projection, the saga's timeline) and {@code report} the results, the report and its chart.
 *
 * <p>This is not a test: nothing here asserts a time, and {@code ./mvnw verify} does not build it. No class here is
 * a Spring stereotype: the benchmark registers what it needs itself.
 */
package dev.ordersaga.benchmark;

package dev.ordersaga.benchmark.report;

import dev.ordersaga.benchmark.driver.OrderBook;
import dev.ordersaga.benchmark.probes.ProcessMetrics;
import dev.ordersaga.benchmark.probes.ResidentMemory;
import dev.ordersaga.benchmark.probes.ThreadCpu;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One measured block of one configuration, closed or open loop.
 *
 * @param config the configuration
 * @param round 1-based round, 0 for the warm-up
 * @param completed orders that completed successfully inside the measured window
 * @param errors orders due in the window that failed or were lost
 * @param latency micro-seconds from when each order was due to when it was through, for every order due
 *     in the measured window (also those that completed after it)
 * @param metrics CPU, GC and machine load over the measured window
 * @param cpuByThreadGroup CPU milliseconds over the measured window by thread group ({@link ThreadCpu})
 * @param rssMb this JVM's resident memory at the end of the measured window (all processes: {@link ResidentMemory})
 * @param windowStartMillis wall-clock start of the measured window
 * @param windowEndMillis wall-clock end of the measured window
 */
public record BlockResult(String config, int round, long completed, long errors, Histogram latency, ProcessMetrics.Delta metrics,
        Map<String, Double> cpuByThreadGroup, long rssMb, long windowStartMillis, long windowEndMillis) {

    public double ordersPerSecond() {
        return completed / metrics.seconds();
    }

    /** CPU of this JVM per order. */
    public double cpuMillisPerOrder() {
        return completed == 0 ? Double.NaN : metrics.cpuMillis() / completed;
    }

    /** CPU of the child processes (the Elasticsearch node) per order. */
    public double childCpuMillisPerOrder() {
        return completed == 0 ? Double.NaN : metrics.childCpuMillis() / completed;
    }

    /** CPU of all processes (this JVM and the Elasticsearch node) per order. */
    public double stackCpuMillisPerOrder() {
        return cpuMillisPerOrder() + childCpuMillisPerOrder();
    }

    public double percentileMillis(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The measured window of a block: CPU of the processes and of the threads from its start to its end. */
    public static final class Window {

        private final long startMillis = System.currentTimeMillis();
        private final ThreadCpu.Snapshot threadsFrom = ThreadCpu.Snapshot.now();
        private final ProcessMetrics.Snapshot from = ProcessMetrics.Snapshot.now();
        private ProcessMetrics.Delta metrics;
        private Map<String, Double> byThreadGroup;
        private long endMillis;

        /** Takes the end of the window now. */
        public void end() {
            var to = ProcessMetrics.Snapshot.now();
            var threadsTo = ThreadCpu.Snapshot.now();
            endMillis = System.currentTimeMillis();
            metrics = ProcessMetrics.Delta.between(from, to);
            byThreadGroup = ThreadCpu.between(threadsFrom, threadsTo, metrics.cpuMillis());
        }

        public BlockResult result(String config, int round, OrderBook book) {
            return new BlockResult(config, round, book.completedInWindow.get(), book.errors.get(), book.latency.copy(), metrics,
                    byThreadGroup, ResidentMemory.jvmMb(), startMillis, endMillis);
        }
    }
}

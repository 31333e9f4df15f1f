package dev.ordersaga.benchmark;

import org.HdrHistogram.Histogram;

/**
 * One measured block of one configuration.
 *
 * @param config the configuration
 * @param round 1-based round, 0 for the warm-up
 * @param completed orders that completed successfully inside the measured window
 * @param errors orders due in the window that failed or were lost
 * @param latency micro-seconds from when each order was due to when it was through, for every order due
 *     in the measured window (also those that completed after it)
 * @param metrics CPU, GC and machine load over the measured window
 * @param cpuByThreadGroup CPU milliseconds over the measured window by thread group ({@link ThreadCpu})
 * @param rssMb resident memory of the whole stack at the end of the block
 * @param windowStartMillis wall-clock start of the measured window
 * @param windowEndMillis wall-clock end of the measured window
 */
record BlockResult(String config, int round, long completed, long errors, Histogram latency, ProcessMetrics.Delta metrics,
        java.util.Map<String, Double> cpuByThreadGroup, long rssMb,
        long windowStartMillis, long windowEndMillis) {

    double ordersPerSecond() {
        return completed / metrics.seconds();
    }

    double cpuMillisPerOrder() {
        return completed == 0 ? Double.NaN : metrics.cpuMillis() / completed;
    }

    /** CPU of the child processes (the Elasticsearch node) per order. */
    double childCpuMillisPerOrder() {
        return completed == 0 ? Double.NaN : metrics.childCpuMillis() / completed;
    }

    double percentileMillis(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
    }
}

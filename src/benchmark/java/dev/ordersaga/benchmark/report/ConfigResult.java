package dev.ordersaga.benchmark.report;

import dev.ordersaga.benchmark.driver.OrderBook;
import java.util.List;
import org.HdrHistogram.Histogram;

/** All measured blocks of one configuration, merged: orders and seconds summed, histograms added. */
public record ConfigResult(String config, String description, List<BlockResult> blocks, Histogram latency) {

    public static ConfigResult of(String config, String description, List<BlockResult> blocks) {
        var latency = new Histogram(OrderBook.MAX_LATENCY_MICROS, 3);
        blocks.forEach(b -> latency.add(b.latency()));
        return new ConfigResult(config, description, List.copyOf(blocks), latency);
    }

    public long completed() {
        return blocks.stream().mapToLong(BlockResult::completed).sum();
    }

    public long errors() {
        return blocks.stream().mapToLong(BlockResult::errors).sum();
    }

    public double seconds() {
        return blocks.stream().mapToDouble(b -> b.metrics().seconds()).sum();
    }

    public double ordersPerSecond() {
        return blocks.isEmpty() ? Double.NaN : completed() / seconds();
    }

    public double cpuMillisPerOrder() {
        return perOrder(blocks.stream().mapToDouble(b -> b.metrics().cpuMillis()).sum());
    }

    /** CPU of the child processes (the Elasticsearch node) per order. */
    public double childCpuMillisPerOrder() {
        return perOrder(blocks.stream().mapToDouble(b -> b.metrics().childCpuMillis()).sum());
    }

    /** CPU of all processes (this JVM and the Elasticsearch node) per order. */
    public double stackCpuMillisPerOrder() {
        return cpuMillisPerOrder() + childCpuMillisPerOrder();
    }

    private double perOrder(double millis) {
        long completed = completed();
        return completed == 0 ? Double.NaN : millis / completed;
    }

    public double percentileMillis(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
    }

    public double minOrdersPerSecond() {
        return blocks.stream().mapToDouble(BlockResult::ordersPerSecond).min().orElse(Double.NaN);
    }

    public double maxOrdersPerSecond() {
        return blocks.stream().mapToDouble(BlockResult::ordersPerSecond).max().orElse(Double.NaN);
    }

    /** CPU milliseconds per completed order by thread group, largest first. */
    public java.util.LinkedHashMap<String, Double> cpuMillisPerOrderByThreadGroup() {
        var sum = new java.util.HashMap<String, Double>();
        blocks.forEach(b -> b.cpuByThreadGroup().forEach((group, millis) -> sum.merge(group, millis, Double::sum)));
        long completed = Math.max(1, completed());
        var sorted = new java.util.LinkedHashMap<String, Double>();
        sum.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue() / completed));
        return sorted;
    }

    public long maxRssMb() {
        return blocks.stream().mapToLong(BlockResult::rssMb).max().orElse(-1);
    }
}

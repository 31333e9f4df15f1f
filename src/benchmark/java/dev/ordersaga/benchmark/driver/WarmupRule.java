package dev.ordersaga.benchmark.driver;

import java.util.List;

/**
 * When a configuration is warm: its CPU per order (all processes) over the last {@code blocks} warm-up
 * blocks varies by at most {@code tolerance}: the largest of them is at most {@code 1 + tolerance} times
 * the smallest. Until then the JIT is still compiling, caches fill, pools grow, and the CPU per order of a
 * block says more about the start-up than about the system.
 *
 * @param blocks consecutive blocks that must agree (at least 2)
 * @param tolerance how much they may differ, relative to the smallest (0.10: 10 %)
 */
public record WarmupRule(int blocks, double tolerance) {

    public WarmupRule {
        if (blocks < 2 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("warm-up rule: " + blocks + " blocks within " + tolerance);
        }
    }

    /** Whether the last blocks of these CPU-per-order figures (oldest first) are stable. */
    public boolean stable(List<Double> cpuMillisPerOrder) {
        return spread(cpuMillisPerOrder) <= tolerance;
    }

    /**
     * The spread of the last blocks, (max - min) / min; NaN with fewer blocks or when one of them completed
     * no order (it says nothing).
     */
    public double spread(List<Double> cpuMillisPerOrder) {
        if (cpuMillisPerOrder.size() < blocks) {
            return Double.NaN;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : cpuMillisPerOrder.subList(cpuMillisPerOrder.size() - blocks, cpuMillisPerOrder.size())) {
            if (!Double.isFinite(value) || value <= 0) {
                return Double.NaN;
            }
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return (max - min) / min;
    }
}

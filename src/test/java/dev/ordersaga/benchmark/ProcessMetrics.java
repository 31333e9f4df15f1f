package dev.ordersaga.benchmark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the whole stack costs: everything (engine, broker, application, participants, load generator)
 * runs in this one JVM, so the process's CPU time and resident memory are the stack's.
 */
final class ProcessMetrics {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessMetrics() {}

    /** A point in time: process CPU, GC, the machine's CPU counters. */
    record Snapshot(long nanoTime, long processCpuNanos, long gcCount, long gcPauseMillis, long machineBusyTicks, long machineTotalTicks) {

        static Snapshot now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                // G1's "Concurrent GC" bean counts concurrent cycles, not pauses.
                if (!gc.getName().contains("Concurrent")) {
                    count += Math.max(0, gc.getCollectionCount());
                    millis += Math.max(0, gc.getCollectionTime());
                }
            }
            long[] machine = machineTicks();
            return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), count, millis, machine[0], machine[1]);
        }
    }

    /** Between two snapshots. */
    record Delta(double seconds, double cpuMillis, long gcCount, long gcPauseMillis, double machineBusyPercent) {

        static Delta between(Snapshot from, Snapshot to) {
            long total = to.machineTotalTicks - from.machineTotalTicks;
            return new Delta((to.nanoTime - from.nanoTime) / 1e9, (to.processCpuNanos - from.processCpuNanos) / 1e6,
                    to.gcCount - from.gcCount, to.gcPauseMillis - from.gcPauseMillis,
                    total <= 0 ? Double.NaN : 100.0 * (to.machineBusyTicks - from.machineBusyTicks) / total);
        }

        /** This process's share of all CPUs, in percent of the machine. */
        double processPercentOfMachine() {
            return 100.0 * cpuMillis / (seconds * 1000.0 * Runtime.getRuntime().availableProcessors());
        }
    }

    /** VmRSS of this process in MB (everything runs in this JVM). */
    static long rssMb() {
        return statusKb("VmRSS:") / 1024;
    }

    /** VmHWM (peak resident set) of this process in MB. */
    static long peakRssMb() {
        return statusKb("VmHWM:") / 1024;
    }

    /** The first line of /proc/loadavg, e.g. {@code 1.20 0.95 0.80 2/345 6789}. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return -1;
    }

    /** {busy, total} jiffies of all CPUs from /proc/stat. */
    private static long[] machineTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}

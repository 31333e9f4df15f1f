package dev.ordersaga.benchmark.probes;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the stack costs in CPU: this JVM (engine, broker, application, participants, load generator)
 * from its process CPU time, its child processes (the Elasticsearch node) from /proc, and the machine's
 * counters. Resident memory is {@link ResidentMemory}'s.
 */
public final class ProcessMetrics {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessMetrics() {}

    /** Clock ticks per second of /proc's CPU times ({@code getconf CLK_TCK}; 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    /**
     * A point in time: process CPU, GC, the CPU of this JVM's child processes (the Elasticsearch node), the
     * machine's CPU counters (busy includes steal: time the hypervisor gave to other machines).
     */
    public record Snapshot(long nanoTime, long processCpuNanos, long gcCount, long gcPauseMillis, long childCpuTicks, long machineBusyTicks,
            long machineStealTicks, long machineTotalTicks) {

        public static Snapshot now() {
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
            return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), count, millis, descendantCpuTicks(), machine[0], machine[1], machine[2]);
        }
    }

    /** Between two snapshots. */
    public record Delta(double seconds, double cpuMillis, long gcCount, long gcPauseMillis, double childCpuMillis, double machineBusyPercent,
            double machineStealPercent) {

        public static Delta between(Snapshot from, Snapshot to) {
            long total = to.machineTotalTicks - from.machineTotalTicks;
            return new Delta((to.nanoTime - from.nanoTime) / 1e9, (to.processCpuNanos - from.processCpuNanos) / 1e6,
                    to.gcCount - from.gcCount, to.gcPauseMillis - from.gcPauseMillis,
                    (to.childCpuTicks - from.childCpuTicks) * 1000.0 / TICKS_PER_SECOND,
                    total <= 0 ? Double.NaN : 100.0 * (to.machineBusyTicks - from.machineBusyTicks) / total,
                    total <= 0 ? Double.NaN : 100.0 * (to.machineStealTicks - from.machineStealTicks) / total);
        }

        /** This process's share of all CPUs, in percent of the machine. */
        public double processPercentOfMachine() {
            return percentOfMachine(cpuMillis);
        }

        /** The child processes' (the Elasticsearch node's) share of all CPUs, in percent of the machine. */
        public double childPercentOfMachine() {
            return percentOfMachine(childCpuMillis);
        }

        private double percentOfMachine(double millis) {
            return 100.0 * millis / (seconds * 1000.0 * Runtime.getRuntime().availableProcessors());
        }
    }

    /** User and system CPU ticks of this JVM's live descendant processes, from /proc/PID/stat; 0 where there is no /proc. */
    private static long descendantCpuTicks() {
        return ProcessHandle.current().descendants().mapToLong(child -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat"));
                // After the command name in parentheses: state is field 3, utime 14 and stime 15.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return 0; // gone meanwhile, or not Linux
            }
        }).sum();
    }

    /** The first line of /proc/loadavg, e.g. {@code 1.20 0.95 0.80 2/345 6789}. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** {busy, steal, total} jiffies of all CPUs from /proc/stat (busy: all but idle and iowait; steal is part of it). */
    private static long[] machineTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, Long.parseLong(f[8]), total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, 0};
        }
    }
}

package dev.ordersaga.benchmark.probes;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time by thread group (thread names with their numbers replaced by {@code #}), from ThreadMXBean:
 * exact CPU time including native code, unlike sampling. Virtual threads count on their carriers
 * ({@code ForkJoinPool-#-worker-#}); GC, JIT and VM threads are what the process used beyond all of them.
 */
public final class ThreadCpu {

    public static final String NOT_JAVA_THREADS = "(GC, JIT and other JVM-internal threads)";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private ThreadCpu() {}

    /** CPU nanoseconds of every live platform thread, by thread id, with its group. */
    public record Snapshot(Map<Long, Long> cpuNanos, Map<Long, String> groups) {

        public static Snapshot now() {
            var cpu = new HashMap<Long, Long>();
            var groups = new HashMap<Long, String>();
            long[] ids = THREADS.getAllThreadIds();
            ThreadInfo[] infos = THREADS.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                long nanos = THREADS.getThreadCpuTime(ids[i]);
                if (nanos >= 0 && infos[i] != null) {
                    cpu.put(ids[i], nanos);
                    groups.put(ids[i], group(infos[i].getThreadName()));
                }
            }
            return new Snapshot(cpu, groups);
        }
    }

    /** Milliseconds of CPU by thread group between two snapshots (threads started in between count from zero). */
    public static Map<String, Double> between(Snapshot from, Snapshot to, double processCpuMillis) {
        var byGroup = new HashMap<String, Double>();
        double threads = 0;
        for (var entry : to.cpuNanos().entrySet()) {
            long before = from.cpuNanos().getOrDefault(entry.getKey(), 0L);
            double millis = Math.max(0, entry.getValue() - before) / 1e6;
            threads += millis;
            byGroup.merge(to.groups().get(entry.getKey()), millis, Double::sum);
        }
        byGroup.put(NOT_JAVA_THREADS, Math.max(0, processCpuMillis - threads));
        return byGroup;
    }

    public static String group(String threadName) {
        return threadName == null || threadName.isEmpty() ? "(unnamed)" : DIGITS.matcher(threadName).replaceAll("#");
    }
}

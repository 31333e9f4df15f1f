package dev.ordersaga.benchmark.probes;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How full the heap was after the last garbage collection, so that the long block can stop before the
 * JVM runs out of memory (an engine that keeps every record fills any heap): a run that stops there
 * still writes its report, and the report says why.
 */
public final class HeapGuard {

    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(java.lang.management.MemoryPoolMXBean::getName).collect(Collectors.toSet());

    /** When {@link #nearlyFull} last asked for a full collection (nanoTime), so that it asks at most every 30 s. */
    private static volatile long lastFullGc = System.nanoTime() - java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private HeapGuard() {}

    /**
     * Whether the heap is fuller than {@code limit} after a collection, for checks while a block runs: a
     * young collection leaves the old generation's garbage in place, so when it reads above the limit
     * this asks for a full collection (at most every 30 s) and decides on what that leaves.
     */
    public static boolean nearlyFull(double limit) {
        if (usedAfterLastGc() <= limit) {
            return false;
        }
        long now = System.nanoTime();
        if (now - lastFullGc >= java.util.concurrent.TimeUnit.SECONDS.toNanos(30)) {
            lastFullGc = now;
            System.gc();
        }
        return usedAfterLastGc() > limit;
    }

    /** Heap used after the most recent collection, as a fraction of the largest heap; 0 before any. */
    public static double usedAfterLastGc() {
        long endTime = -1;
        long used = 0;
        for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof com.sun.management.GarbageCollectorMXBean gc && gc.getLastGcInfo() != null
                    && gc.getLastGcInfo().getEndTime() > endTime) {
                endTime = gc.getLastGcInfo().getEndTime();
                used = gc.getLastGcInfo().getMemoryUsageAfterGc().entrySet().stream().filter(e -> HEAP_POOLS.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed()).sum();
            }
        }
        return (double) used / Runtime.getRuntime().maxMemory();
    }
}

package dev.ordersaga.benchmark;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A closed loop of {@code concurrency} slots: each slot places an order, and places the next one the
 * moment the previous one is through. Latency is taken from when an order was <em>due</em> (when its
 * slot became free), not from when the driver got round to placing it, so a slow driver or a blocking
 * entry point shows up in the figures instead of hiding (no coordinated omission).
 *
 * <p>A block starts all slots at once, lets the pipeline fill for the settle time, then measures: the
 * throughput counts the orders that completed inside the window, the histogram every order that was due
 * inside it (including those that complete after it: the block waits for them).
 */
final class ClosedLoop {

    /** Histogram range: 1 µs to 10 minutes, 3 significant digits. */
    static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final int concurrency;
    private final ExecutorService issuer;

    ClosedLoop(int concurrency, ExecutorService issuer) {
        this.concurrency = concurrency;
        this.issuer = issuer;
    }

    BlockResult run(OrderSystem system, int round, Duration settle, Duration measure, Duration drainTimeout) throws InterruptedException {
        var block = new Block(system);
        system.attach(block::completed);
        try {
            long start = System.nanoTime();
            block.measureStart = start + settle.toNanos();
            block.measureEnd = block.measureStart + measure.toNanos();
            for (int i = 0; i < concurrency; i++) {
                block.issue(start);
            }
            sleepUntil(block.measureStart);
            long windowStart = System.currentTimeMillis();
            var threadsFrom = ThreadCpu.Snapshot.now();
            var from = ProcessMetrics.Snapshot.now();
            block.completedInWindow.set(0);
            sleepUntil(block.measureEnd);
            var to = ProcessMetrics.Snapshot.now();
            var threadsTo = ThreadCpu.Snapshot.now();
            long windowEnd = System.currentTimeMillis();
            long completed = block.completedInWindow.get();
            if (!block.slotsDone.await(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                block.countLost();
            }
            var metrics = ProcessMetrics.Delta.between(from, to);
            return new BlockResult(system.name(), round, completed, block.errors.get(), block.latency.copy(), metrics,
                    ThreadCpu.between(threadsFrom, threadsTo, metrics.cpuMillis()), ProcessMetrics.rssMb(), windowStart, windowEnd);
        } finally {
            system.attach(null);
            block.closed = true;
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** An order placed and not yet through. */
    private record InFlight(long due) {}

    /** A completion that arrived before its order was registered (placing returned after the order was through). */
    private record Early(long at, boolean ok) {}

    private final class Block {
        final OrderSystem system;
        final ConcurrentHashMap<String, Object> pending = new ConcurrentHashMap<>();
        final Histogram latency = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
        final AtomicLong completedInWindow = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final CountDownLatch slotsDone = new CountDownLatch(concurrency);
        volatile long measureStart;
        volatile long measureEnd;
        volatile boolean closed;

        Block(OrderSystem system) {
            this.system = system;
        }

        /** Places the next order of a slot, due at {@code due}, on a virtual thread (placing may block). */
        void issue(long due) {
            issuer.execute(() -> {
                String orderId;
                try {
                    orderId = system.place(BenchOrder.next());
                } catch (Exception e) {
                    if (closed) {
                        return;
                    }
                    System.out.println("[benchmark] " + system.name() + ": placing an order failed: " + e);
                    try {
                        Thread.sleep(50); // no hot loop against a failing entry point
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    long now = System.nanoTime();
                    finish(new InFlight(due), now, false);
                    return;
                }
                register(orderId, new InFlight(due));
            });
        }

        void register(String orderId, InFlight order) {
            Object previous = pending.putIfAbsent(orderId, order);
            if (previous instanceof Early early) {
                pending.remove(orderId, early);
                finish(order, early.at, early.ok);
            }
        }

        void completed(String orderId, boolean ok) {
            long now = System.nanoTime();
            Object previous = pending.putIfAbsent(orderId, new Early(now, ok));
            if (previous instanceof InFlight order) {
                if (pending.remove(orderId, order)) {
                    finish(order, now, ok);
                }
            }
        }

        private void finish(InFlight order, long now, boolean ok) {
            if (order.due >= measureStart && order.due < measureEnd) {
                latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(1, (now - order.due) / 1000)));
                if (!ok) {
                    errors.incrementAndGet();
                }
            }
            if (ok && now >= measureStart && now < measureEnd) {
                completedInWindow.incrementAndGet();
            }
            if (now < measureEnd) {
                issue(now);
            } else {
                slotsDone.countDown();
            }
        }

        /** Orders that never came back within the drain time: errors, recorded with the time waited. */
        void countLost() {
            long now = System.nanoTime();
            pending.forEach((orderId, value) -> {
                if (value instanceof InFlight order && pending.remove(orderId, order) && order.due >= measureStart && order.due < measureEnd) {
                    latency.recordValue(Math.min(MAX_LATENCY_MICROS, (now - order.due) / 1000));
                    errors.incrementAndGet();
                }
            });
            System.out.println("[benchmark] " + system.name() + ": " + slotsDone.getCount() + " order(s) not through after the drain time");
        }
    }
}

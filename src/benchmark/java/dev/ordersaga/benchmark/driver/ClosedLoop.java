package dev.ordersaga.benchmark.driver;

import dev.ordersaga.benchmark.report.BlockResult;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * A closed loop of {@code concurrency} slots: each slot places an order, and places the next one the
 * moment the previous one is through. Latency is taken from when an order was <em>due</em> (when its
 * slot became free), see {@link OrderBook}.
 *
 * <p>A block starts all slots at once, lets the pipeline fill for the settle time, then measures: the
 * throughput counts the orders that completed inside the window, the histogram every order that was due
 * inside it (including those that complete after it: the block waits for them).
 */
public final class ClosedLoop {

    private final int concurrency;
    private final ExecutorService issuer;

    public ClosedLoop(int concurrency, ExecutorService issuer) {
        this.concurrency = concurrency;
        this.issuer = issuer;
    }

    /** A block measured for a fixed time. */
    public BlockResult run(OrderSystem system, int round, Duration settle, Duration measure, Duration drainTimeout) throws InterruptedException {
        return run(system, round, settle, measure, completed -> false, drainTimeout);
    }

    /**
     * A block measured until {@code enough} says so (given the orders completed in the window so far;
     * asked every 200 ms) or for {@code measure} at most.
     */
    public BlockResult run(OrderSystem system, int round, Duration settle, Duration measure, LongPredicate enough, Duration drainTimeout)
            throws InterruptedException {
        var slotsDone = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        long measureStart = start + settle.toNanos();
        var book = new OrderBook(system, issuer, measureStart, measureStart + measure.toNanos()) {
            @Override
            void afterFinish(long now) {
                if (now < measureEnd()) {
                    place(now);
                } else {
                    slotsDone.countDown();
                }
            }
        };
        system.attach(book::completed);
        try {
            for (int i = 0; i < concurrency; i++) {
                book.place(start);
            }
            sleepUntil(measureStart);
            var window = new BlockResult.Window();
            while (System.nanoTime() < book.measureEnd() && !enough.test(book.completedInWindow.get())) {
                sleepUntil(Math.min(book.measureEnd(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200)));
            }
            book.endMeasurementAt(Math.min(book.measureEnd(), System.nanoTime()));
            window.end();
            if (!slotsDone.await(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                book.countLost();
            }
            return window.result(system.name(), round, book);
        } finally {
            system.attach(null);
            book.close();
        }
    }

    public static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}

package dev.ordersaga.benchmark.driver;

import dev.ordersaga.benchmark.report.BlockResult;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open loop at a fixed arrival rate: order {@code i} of a block is due at {@code t0 + i / rate}
 * ({@link ArrivalSchedule}), whether the orders before it are through or not, and its latency is taken
 * from that intended time ({@link OrderBook}). This is how a user sees the system when it is not
 * overloaded: at a rate below its capacity, latency is the time an order takes plus any queueing the
 * rate causes, not the closed loop's in-flight count divided by the throughput.
 *
 * <p>A block issues orders for the settle time plus the measured time; the histogram takes the orders
 * due in the measured window, the throughput and CPU the orders completed inside it. Then it waits for
 * all orders issued to be through (at most the drain time).
 */
public final class OpenLoop {

    private final ExecutorService issuer;

    public OpenLoop(ExecutorService issuer) {
        this.issuer = issuer;
    }

    /** The result of an open-loop block, with the rate asked for and how late the scheduler issued at worst. */
    public record Result(double percentOfCapacity, double ratePerSecond, BlockResult block, double maxSchedulerLagMillis, long issued, long lost) {}

    public Result run(OrderSystem system, double percentOfCapacity, double ratePerSecond, Duration settle, Duration measure, Duration drainTimeout)
            throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureStart = start + settle.toNanos();
        var schedule = ArrivalSchedule.forDuration(start, ratePerSecond, settle.plus(measure).toNanos());
        var finished = new AtomicLong();
        var book = new OrderBook(system, issuer, measureStart, schedule.endNanos()) {
            @Override
            void afterFinish(long now) {
                synchronized (finished) {
                    finished.incrementAndGet();
                    finished.notifyAll();
                }
            }
        };
        system.attach(book::completed);
        var lag = new AtomicLong();
        Thread scheduler = Thread.ofPlatform().name("benchmark-open-loop-scheduler").start(() -> {
            try {
                lag.set(schedule.run(ArrivalSchedule.SYSTEM, book::place));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            ClosedLoop.sleepUntil(measureStart);
            var window = new BlockResult.Window();
            ClosedLoop.sleepUntil(schedule.endNanos());
            window.end();
            scheduler.join();
            long deadline = System.nanoTime() + drainTimeout.toNanos();
            synchronized (finished) {
                long left;
                while (finished.get() < schedule.count() && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(finished, left);
                }
            }
            long lost = finished.get() < schedule.count() ? book.countLost() : 0;
            return new Result(percentOfCapacity, ratePerSecond, window.result(system.name(), 0, book), lag.get() / 1e6, schedule.count(), lost);
        } finally {
            scheduler.interrupt();
            system.attach(null);
            book.close();
        }
    }
}

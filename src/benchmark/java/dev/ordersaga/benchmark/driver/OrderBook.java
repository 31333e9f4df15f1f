package dev.ordersaga.benchmark.driver;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The orders of one block, closed or open loop: places each order on a virtual thread, matches the
 * completions the system reports to the orders placed, and records the latency of every order that was
 * <em>due</em> inside the measured window from when it was due (not from when it got placed), so a slow
 * driver or a blocking entry point shows up in the figures instead of hiding (no coordinated omission).
 * What happens once an order is through is the loop's ({@link #afterFinish}).
 */
public abstract class OrderBook {

    /** Histogram range: 1 µs to 10 minutes, 3 significant digits. */
    public static final long MAX_LATENCY_MICROS = java.util.concurrent.TimeUnit.MINUTES.toMicros(10);

    private final OrderSystem system;
    private final ExecutorService issuer;
    private final ConcurrentHashMap<String, Object> pending = new ConcurrentHashMap<>();
    public final Histogram latency = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
    public final AtomicLong completedInWindow = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();
    private final long measureStart;
    private volatile long measureEnd;
    private volatile boolean closed;
    /** Failures of placing an order in this block; the first few are shown. */
    private final AtomicLong failedPlacements = new AtomicLong();
    private static final int SHOWN_FAILURES = 3;

    public OrderBook(OrderSystem system, ExecutorService issuer, long measureStart, long measureEnd) {
        this.system = system;
        this.issuer = issuer;
        this.measureStart = measureStart;
        this.measureEnd = measureEnd;
    }

    /** Called once per order when it is through, failed or was given up on, at {@code now} (nanoTime). */
    abstract void afterFinish(long now);

    public long measureEnd() {
        return measureEnd;
    }

    /** Ends the measured window early (a block that runs until a number of orders rather than for a time). */
    public void endMeasurementAt(long nanoTime) {
        measureEnd = nanoTime;
    }

    /** The block is over: failures of placing from now on are not reported. */
    public void close() {
        closed = true;
        if (failedPlacements.get() > SHOWN_FAILURES) {
            System.out.println("[benchmark] " + system.name() + ": placing " + failedPlacements.get() + " order(s) failed in this block (the first "
                    + SHOWN_FAILURES + " shown)");
        }
    }

    /** Places an order that was due at {@code due} (nanoTime), on a virtual thread (placing may block). */
    public void place(long due) {
        issuer.execute(() -> {
            String orderId;
            try {
                orderId = system.place(BenchOrder.next());
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                if (failedPlacements.incrementAndGet() <= SHOWN_FAILURES) {
                    System.out.println("[benchmark] " + system.name() + ": placing an order failed: " + e);
                }
                try {
                    Thread.sleep(50); // no hot loop against a failing entry point
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                finish(new InFlight(due), System.nanoTime(), false);
                return;
            }
            Object previous = pending.putIfAbsent(orderId, new InFlight(due));
            if (previous instanceof Early early && pending.remove(orderId, early)) {
                finish(new InFlight(due), early.at, early.ok);
            }
        });
    }

    /** The system reports an order through ({@code ok}) or failed. */
    public void completed(String orderId, boolean ok) {
        long now = System.nanoTime();
        Object previous = pending.putIfAbsent(orderId, new Early(now, ok));
        if (previous instanceof InFlight order && pending.remove(orderId, order)) {
            finish(order, now, ok);
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
        afterFinish(now);
    }

    /** Orders that never came back within the drain time: errors, recorded with the time waited. Returns how many. */
    public long countLost() {
        long now = System.nanoTime();
        var lost = new AtomicLong();
        pending.forEach((orderId, value) -> {
            if (value instanceof InFlight order && pending.remove(orderId, order)) {
                lost.incrementAndGet();
                if (order.due >= measureStart && order.due < measureEnd) {
                    latency.recordValue(Math.min(MAX_LATENCY_MICROS, (now - order.due) / 1000));
                    errors.incrementAndGet();
                }
            }
        });
        System.out.println("[benchmark] " + system.name() + ": " + lost.get() + " order(s) not through after the drain time");
        return lost.get();
    }

    /** An order placed and not yet through. */
    private record InFlight(long due) {}

    /** A completion that arrived before its order was registered (placing returned after the order was through). */
    private record Early(long at, boolean ok) {}
}

package dev.ordersaga.benchmark.driver;

import java.util.function.LongConsumer;

/**
 * When the orders of an open-loop block are due: order {@code i} at {@code start + i / rate}, whatever
 * became of the orders before it. The scheduler never waits for an order to finish nor for a free slot:
 * if it falls behind (a stall of its own thread, a slow hand-off), it issues the orders it owes at once,
 * each still with its own intended time, so the stall counts in their latency (no coordinated omission).
 *
 * @param startNanos the intended time of order 0 (System.nanoTime)
 * @param ratePerSecond orders per second
 * @param count how many orders the block issues
 */
public record ArrivalSchedule(long startNanos, double ratePerSecond, long count) {

    public ArrivalSchedule {
        if (!(ratePerSecond > 0) || count < 0) {
            throw new IllegalArgumentException("rate " + ratePerSecond + "/s, " + count + " orders");
        }
    }

    /** A schedule that issues orders at this rate for this long, starting at {@code startNanos}. */
    public static ArrivalSchedule forDuration(long startNanos, double ratePerSecond, long durationNanos) {
        return new ArrivalSchedule(startNanos, ratePerSecond, (long) Math.floor(durationNanos / 1e9 * ratePerSecond));
    }

    /** The intended start of order {@code i} (0-based). */
    public long intendedNanos(long i) {
        return startNanos + Math.round(i * 1e9 / ratePerSecond);
    }

    /** The end of the schedule: when order {@code count} would be due. */
    public long endNanos() {
        return intendedNanos(count);
    }

    /** What the scheduler needs from time: the current time and a way to wait until a time. */
    public interface Clock {
        long nanoTime();

        /** Returns at or after {@code nanoTime}; at once if that has passed. */
        void sleepUntil(long nanoTime) throws InterruptedException;
    }

    /** The real clock. */
    public static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long nanoTime) throws InterruptedException {
            ClosedLoop.sleepUntil(nanoTime);
        }
    };

    /**
     * Issues every order of the schedule: waits for its intended time (not at all if that has passed) and
     * hands the intended time to {@code issue}, which must not block (it places the order elsewhere).
     *
     * @return the largest delay between an order's intended time and its hand-off, in nanoseconds
     */
    public long run(Clock clock, LongConsumer issue) throws InterruptedException {
        long maxLag = 0;
        for (long i = 0; i < count; i++) {
            long intended = intendedNanos(i);
            clock.sleepUntil(intended);
            maxLag = Math.max(maxLag, clock.nanoTime() - intended);
            issue.accept(intended);
        }
        return maxLag;
    }
}

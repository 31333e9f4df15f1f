package dev.ordersaga.participants.support;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults injected into a participant at runtime, for demos and failure tests.
 *
 * @param delay how long a batch with new commands is held before it is applied
 * @param technicalFailureRate probability (0..1) of answering {@code CommandFailed} instead
 * @param businessFailureRate probability (0..1) of refusing a forward command instead (compensations are never refused)
 */
public record Faults(Duration delay, double technicalFailureRate, double businessFailureRate) {

    /** Below Kafka's default {@code max.poll.interval.ms} of 5 minutes, so that a held batch keeps its partitions. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(4);

    /** Declared after {@link #MAX_DELAY}, which the constructor reads. */
    public static final Faults NONE = new Faults(Duration.ZERO, 0.0, 0.0);

    public Faults {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new InvalidFaultsException("delay must be between PT0S and " + MAX_DELAY + ", is " + delay);
        }
        requireRate("technicalFailureRate", technicalFailureRate);
        requireRate("businessFailureRate", businessFailureRate);
    }

    public boolean any() {
        return !delay.isZero() || technicalFailureRate > 0 || businessFailureRate > 0;
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new InvalidFaultsException(name + " must be between 0 and 1, is " + rate);
        }
    }

    /** Answered 400 by the admin endpoint. */
    public static class InvalidFaultsException extends IllegalArgumentException {

        public InvalidFaultsException(String message) {
            super(message);
        }
    }
}

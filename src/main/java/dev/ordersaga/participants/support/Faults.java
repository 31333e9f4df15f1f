package dev.ordersaga.participants.support;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults injected into a participant at runtime, for demos and failure tests; also the body of {@code PUT
 * /participants/{name}/faults}, where an omitted field is no such fault.
 *
 * @param delay how long a batch with new commands is held before it is applied
 * @param technicalFailureRate probability (0..1) of answering {@code CommandFailed} instead
 * @param businessFailureRate probability (0..1) of refusing a forward command instead (compensations are never refused)
 * @param duplicateReplyRate probability (0..1) of sending a reply twice
 * @param lateReplyRate probability (0..1) of sending a reply only after {@code lateReplyDelay} (its batch waits for it)
 * @param lateReplyDelay how late a late reply is, at most {@link #MAX_LATE_REPLY}
 * @param replayReplyRate probability (0..1) of sending, after a reply, an old one again: one of the last
 *     {@value ReplyFaults#REPLAYABLE} outcomes this participant recorded, of any order
 */
public record Faults(Duration delay, Double technicalFailureRate, Double businessFailureRate, Double duplicateReplyRate, Double lateReplyRate,
        Duration lateReplyDelay, Double replayReplyRate) {

    /** Below Kafka's default {@code max.poll.interval.ms} of 5 minutes, so that a held batch keeps its partitions. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(4);

    /** A late reply holds its batch: well below {@code max.poll.interval.ms}. */
    public static final Duration MAX_LATE_REPLY = Duration.ofMinutes(1);

    /** Declared after the maximums, which the constructor reads. */
    public static final Faults NONE = new Faults(Duration.ZERO, 0.0, 0.0);

    public Faults {
        delay = requireDuration("delay", delay, MAX_DELAY);
        lateReplyDelay = requireDuration("lateReplyDelay", lateReplyDelay, MAX_LATE_REPLY);
        technicalFailureRate = requireRate("technicalFailureRate", technicalFailureRate);
        businessFailureRate = requireRate("businessFailureRate", businessFailureRate);
        duplicateReplyRate = requireRate("duplicateReplyRate", duplicateReplyRate);
        lateReplyRate = requireRate("lateReplyRate", lateReplyRate);
        replayReplyRate = requireRate("replayReplyRate", replayReplyRate);
    }

    /** No fault of the replies. */
    public Faults(Duration delay, double technicalFailureRate, double businessFailureRate) {
        this(delay, technicalFailureRate, businessFailureRate, 0.0, 0.0, Duration.ZERO, 0.0);
    }

    /** Whether replies are duplicated, delayed or replayed. */
    public boolean anyOfReplies() {
        return duplicateReplyRate > 0 || lateReplyRate > 0 || replayReplyRate > 0;
    }

    private static Duration requireDuration(String name, Duration duration, Duration max) {
        Duration value = Objects.requireNonNullElse(duration, Duration.ZERO);
        if (value.isNegative() || value.compareTo(max) > 0) {
            throw new InvalidFaultsException(name + " must be between PT0S and " + max + ", is " + value);
        }
        return value;
    }

    private static Double requireRate(String name, Double rate) {
        double value = Objects.requireNonNullElse(rate, 0.0);
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new InvalidFaultsException(name + " must be between 0 and 1, is " + value);
        }
        return value;
    }

    /** Answered 400 by the admin endpoint. */
    public static class InvalidFaultsException extends IllegalArgumentException {

        public InvalidFaultsException(String message) {
            super(message);
        }
    }
}

package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a participant's process halts as after {@code kill -9} ({@link Runtime#halt}: nothing flushed, closed or
 * acknowledged), for crash tests only: at the Nth command this process applies (repeats do not count), before its commit
 * ({@code order-saga.participants.<name>.fault.halt-before-commit}) or between its commit and its reply ({@code
 * halt-after-commit}); 0 never.
 */
public record HaltPoints(int haltBeforeCommit, int haltAfterCommit) {

    public static final HaltPoints NONE = new HaltPoints(0, 0);

    /** 128 + SIGKILL, as a shell reports {@code kill -9}. */
    public static final int EXIT_STATUS = 137;

    private static final Logger log = LoggerFactory.getLogger(HaltPoints.class);

    public HaltPoints {
        if (haltBeforeCommit < 0 || haltAfterCommit < 0) {
            throw new IllegalArgumentException("fault.halt-before-commit and fault.halt-after-commit must not be negative");
        }
    }

    /** Halts here if this is the point's Nth applied command. */
    static void haltAt(int point, int applied, String participant, Envelope command, String where) {
        if (point > 0 && point == applied) {
            log.error("Participant {}: halting this process at {} {} for order {}, {} (crash test: order-saga.participants.{}.fault.*)",
                    participant, command.type(), command.commandId(), command.orderId(), where, participant);
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}

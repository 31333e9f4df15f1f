package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a participant's process halts, for crash tests of a participant running in a process of its own; never set in
 * production, off by default. {@code order-saga.participants.<name>.fault.halt-before-commit=N} halts the process when
 * the Nth command it applies has been applied inside its transaction, before the commit; {@code
 * .fault.halt-after-commit=N} when the Nth command's transaction has committed, before its reply is sent. Halting is
 * {@link Runtime#halt}: no shutdown hook runs and nothing is flushed, closed or acknowledged, as after {@code kill -9}.
 * Only commands applied by this process count (not a repeat answered with its recorded reply).
 *
 * @param beforeCommit the command to halt at before its commit (1 is the first); 0 never
 * @param afterCommit the command to halt at after its commit; 0 never
 */
public record HaltPoints(int beforeCommit, int afterCommit) {

    /** Never halts. */
    public static final HaltPoints NONE = new HaltPoints(0, 0);

    /** The exit status of a halted process: 128 + SIGKILL, as a shell reports a process killed with {@code -9}. */
    public static final int EXIT_STATUS = 137;

    private static final Logger log = LoggerFactory.getLogger(HaltPoints.class);

    public HaltPoints {
        if (beforeCommit < 0 || afterCommit < 0) {
            throw new IllegalArgumentException("fault.halt-before-commit and fault.halt-after-commit must not be negative");
        }
    }

    /** Halts if {@code applied} (this process's count of applied commands, this one included) is {@link #beforeCommit}. */
    void beforeCommit(int applied, String participant, Envelope command) {
        haltAt(beforeCommit, applied, participant, command, "before the commit", "halt-before-commit");
    }

    /** Halts if {@code applied} is {@link #afterCommit}. */
    void afterCommit(int applied, String participant, Envelope command) {
        haltAt(afterCommit, applied, participant, command, "after the commit, before the reply is sent", "halt-after-commit");
    }

    private static void haltAt(int point, int applied, String participant, Envelope command, String where, String property) {
        if (point > 0 && point == applied) {
            log.error("Participant {}: halting this process at {} {} for order {}, {} (order-saga.participants.{}.fault.{}={})", participant,
                    command.type(), command.commandId(), command.orderId(), where, participant, property, point);
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}

package dev.ordersaga.observability;

import java.util.Locale;

/** What became of a step's command: the {@code outcome} tag of {@code order_saga_step_outcomes_total}. */
public enum StepOutcome {
    /** The participant's success event completed the job. */
    SUCCESS,
    /** A business failure event threw the step's BPMN error. */
    BUSINESS_FAILURE,
    /** Not an outcome the step declares (e.g. {@code CommandFailed}): the job failed for a retry. */
    TECHNICAL_FAILURE,
    /** No outcome within the step's deadline: the BPMN timer compensated the order. */
    TIMEOUT,
    /** The job was no longer waiting (a duplicate or late event): dropped. */
    DROPPED;

    /** The tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

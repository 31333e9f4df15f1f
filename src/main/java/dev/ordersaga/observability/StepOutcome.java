package dev.ordersaga.observability;

/** What became of a step's command: the {@code outcome} tag of {@code order_saga_step_outcomes_total}. */
public enum StepOutcome {
    /** The participant's success event completed the job. */
    SUCCESS("success"),
    /** A business failure event threw the step's BPMN error. */
    BUSINESS_FAILURE("business_failure"),
    /** Not an outcome the step declares (e.g. {@code CommandFailed}): the job failed for a retry. */
    TECHNICAL_FAILURE("technical_failure"),
    /** No outcome within the step's deadline: the BPMN timer compensated the order. */
    TIMEOUT("timeout"),
    /** The job was no longer waiting (a duplicate or late event): dropped. */
    DROPPED("dropped");

    private final String tag;

    StepOutcome(String tag) {
        this.tag = tag;
    }

    /** The tag value. */
    public String tag() {
        return tag;
    }
}

package dev.ordersaga.bridge;

/** What an event means for the step that is waiting for it. */
public sealed interface Outcome {

    /** The step succeeded: complete the job with the event's payload. */
    record Success(SagaStep step) implements Outcome {}

    /** A business failure declared by the step: throw the BPMN error whose code is the event type. */
    record BusinessFailure(SagaStep step) implements Outcome {}

    /** Not an outcome any step declares (e.g. {@code CommandFailed}): fail the job so it is retried. */
    record TechnicalFailure(String eventType) implements Outcome {}
}

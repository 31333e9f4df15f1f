package dev.ordersaga.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;

/**
 * An outcome the outcome listener does not settle the job with itself, kept in the engine as a local variable of the
 * step's task, for the command sender to settle the job with when the job comes back:
 * <ul>
 *   <li>{@value #VARIABLE}: a business outcome that arrived while the job was failed (waiting out a retry back-off, or in
 *       an incident): the engine refuses to complete a failed job, yet the participant acted; the job completes (or
 *       throws the BPMN error) when it comes back, instead of sending its command again. An event whose participant does
 *       not echo the step is kept here too, to be classified by the job's step.
 *   <li>{@value #FAILURE_VARIABLE}: a technical failure ({@code CommandFailed}, an event the step does not declare). Only
 *       the engine knows how many retries the job has left, and only the job knows whether the failure is about its
 *       current send: a failure answering a send made before the step's latest failure is stale and is ignored.
 * </ul>
 * The two are kept apart so that a stale failure never overwrites a business outcome kept earlier.
 *
 * @param event the participant's event
 * @param stepFailures the step's technical failures when the answered command was sent (the header the participant
 *     echoes), or null if it did not echo it (then the failure is taken as one about the current send)
 */
public record PendingOutcome(Envelope event, Integer stepFailures) {

    public static final String VARIABLE = "sagaPendingOutcome";
    public static final String FAILURE_VARIABLE = "sagaPendingFailure";

    /**
     * What settles a job that comes back: a kept business outcome first, else a kept failure about its current send, else
     * nothing (the command is sent).
     *
     * @param failures the step's technical failures so far (the job's {@value StepSettler#STEP_FAILURES_VARIABLE})
     */
    static PendingOutcome in(JsonNode variables, String commandId, int failures, EnvelopeCodec codec) {
        PendingOutcome outcome = read(variables, VARIABLE, commandId, codec);
        if (outcome != null) {
            return outcome;
        }
        PendingOutcome failure = read(variables, FAILURE_VARIABLE, commandId, codec);
        return failure == null || failure.answersAnEarlierSend(failures) ? null : failure;
    }

    /** A kept failure that answers a send made before the step last failed: the job has moved on since. */
    static PendingOutcome stale(JsonNode variables, String commandId, int failures, EnvelopeCodec codec) {
        PendingOutcome failure = read(variables, FAILURE_VARIABLE, commandId, codec);
        return failure != null && failure.answersAnEarlierSend(failures) ? failure : null;
    }

    boolean answersAnEarlierSend(int failures) {
        return stepFailures != null && stepFailures < failures;
    }

    private static PendingOutcome read(JsonNode variables, String variable, String commandId, EnvelopeCodec codec) {
        JsonNode pending = variables.path(variable);
        if (!pending.isObject() || !commandId.equals(pending.path("event").path("commandId").asText(null))) {
            return null;
        }
        return codec.fromPayload(pending, PendingOutcome.class);
    }
}

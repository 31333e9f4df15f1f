package dev.ordersaga.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;

/**
 * A business outcome that arrived while its job was failed (waiting out a retry back-off, or in an incident): the engine
 * refuses to complete a failed job, yet the participant acted. The outcome is kept in the engine, as a local variable
 * {@value #VARIABLE} of the step's element instance, and the command sender settles the job with it when the job comes
 * back (after the back-off, or when the incident is resolved) instead of sending the command again.
 *
 * @param step the step as the command declared it
 * @param event the participant's event
 */
public record PendingOutcome(SagaStep step, Envelope event) {

    public static final String VARIABLE = "sagaPendingOutcome";

    /** The pending outcome among a job's variables, if there is one for this command. */
    static PendingOutcome in(JsonNode variables, String commandId, EnvelopeCodec codec) {
        JsonNode pending = variables.path(VARIABLE);
        if (!pending.isObject() || !commandId.equals(pending.path("event").path("commandId").asText(null))) {
            return null;
        }
        return codec.fromPayload(pending, PendingOutcome.class);
    }
}

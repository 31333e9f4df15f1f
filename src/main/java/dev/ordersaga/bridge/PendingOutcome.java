package dev.ordersaga.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;

/**
 * An outcome the outcome listener could not settle the job with, kept in the engine as the local variable {@value
 * #VARIABLE} of the step's task, for the command sender to settle the job with when the job comes back:
 * <ul>
 *   <li>a business outcome that arrived while the job was failed (waiting out a retry back-off, or in an incident):
 *       the engine refuses to complete a failed job, yet the participant acted; the job completes (or throws the
 *       BPMN error) when it comes back, instead of sending its command again;
 *   <li>a technical failure whose reply does not carry the job's retries (a participant that does not echo the
 *       headers): the job's own retries, which the engine keeps, decide the retry when it comes back.
 * </ul>
 * It is classified by the step of the job it settles, read from that job's task headers.
 *
 * @param event the participant's event
 */
public record PendingOutcome(Envelope event) {

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

package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.MalformedMessageException;
import java.util.Optional;

/**
 * What a participant plugs into the shared {@link Participant} pipeline: reading its commands, applying
 * its business rules, and naming its failure event.
 *
 * @param <C> the participant's command type, usually a sealed interface of payload records
 */
public interface CommandHandler<C> {

    /**
     * Reads a command's typed payload.
     *
     * @throws MalformedMessageException if the type is not one of this participant's commands or the
     *     payload does not fit it
     */
    C decode(Envelope command);

    /**
     * Applies a command to the participant's state, exactly the business rules: the outcome is the
     * success event or the step's failure event. An exception is a technical failure.
     */
    Outcome apply(String orderId, C command);

    /**
     * The step's business failure event with this reason, used for an injected business failure; empty
     * for commands that have none (compensations, notifications).
     */
    Optional<Outcome> refusal(C command, String reason);

    /** Whether any of this participant's commands can fail for a business reason. */
    default boolean hasBusinessFailures() {
        return true;
    }

    /** The exception for a command type this participant does not know. */
    static MalformedMessageException unknownCommand(String participant, Envelope command, String... known) {
        return new MalformedMessageException("Unknown command type '" + command.type() + "' for " + participant
                + " (knows " + String.join(", ", known) + ")", null);
    }
}

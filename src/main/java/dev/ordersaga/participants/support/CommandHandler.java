package dev.ordersaga.participants.support;

import java.util.Optional;

/**
 * A participant's business rules, all the Java a participant needs besides its domain class and its {@code api}
 * contract: a bean of this type (with {@link ConditionalOnParticipants}) is found by {@link ParticipantsConfiguration},
 * which gives it its settings, its place in the shared {@link Participant} pipeline and a listener container.
 *
 * <p>Names on the wire are the contract's record names: a command's type is the simple name of its payload record
 * (one of {@link #commands()}), an event's type the simple name of the record {@link #apply} returns.
 *
 * @param <C> the participant's command type: a sealed interface of payload records, or one record
 * @param <E> the participant's event type
 */
public interface CommandHandler<C, E> {

    /**
     * The participant's name: the {@code source} of its replies, its settings under {@code order-saga.participants.<name>}
     * and its default topics {@code <name>-commands} and {@code <name>-events}.
     */
    String name();

    /** Its commands: a sealed interface, whose permitted records are the commands, or a single record. */
    Class<C> commands();

    /**
     * Applies a command to the participant's state, exactly the business rules: the outcome is the success event or
     * the step's failure event. An exception is a technical failure. It runs inside the command's database transaction
     * ({@code ParticipantStore#handle}): what it writes through the participants' data source commits with the reply,
     * or not at all.
     *
     * @param commandId the command's id, for the participant's ledger
     */
    E apply(String orderId, String commandId, C command);

    /**
     * The step's business failure event with this reason, used for an injected business failure; empty for commands
     * that have none (compensations, notifications).
     */
    default Optional<E> refusal(C command, String reason) {
        return Optional.empty();
    }

    /** Whether any of this participant's commands can fail for a business reason. */
    default boolean hasBusinessFailures() {
        return true;
    }
}

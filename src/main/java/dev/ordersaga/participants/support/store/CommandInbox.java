package dev.ordersaga.participants.support.store;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deduplication of a participant's commands by command id: what {@link dev.ordersaga.participants.support.Participant}
 * needs of {@link ParticipantStore}, the one implementation in the application.
 */
public interface CommandInbox {

    /**
     * Handles a command at most once: the work (which writes the participant's state in the same transaction) runs only
     * the first time its command id is seen, by any replica; later calls get the recorded reply.
     */
    ParticipantStore.Handled handle(String participant, String commandId, String orderId, String commandType, Supplier<StoredReply> work);

    /** The reply recorded for a handled command. */
    Optional<StoredReply> recordedReply(String participant, String commandId);

    /** The type of the command handled under this id, if it was handled. */
    Optional<String> commandType(String participant, String commandId);

    /** How many commands of this participant are remembered (until the retention prunes them). */
    long handledCount(String participant);
}

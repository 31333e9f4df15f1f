package dev.ordersaga.participants.support.store;

import java.util.Optional;
import java.util.function.Supplier;

/** What the participant pipeline needs of {@link ParticipantStore}: deduplication of commands by command id. */
public interface CommandInbox {

    /** Runs the work, which writes the participant's state in the same transaction, only the first time its command id is seen. */
    ParticipantStore.Handled handle(String participant, String commandId, String orderId, String commandType, Supplier<StoredReply> work);

    Optional<StoredReply> recordedReply(String participant, String commandId);

    /** The type of the command handled under this id. */
    Optional<String> commandType(String participant, String commandId);
}

package dev.ordersaga.participants.support;

import dev.ordersaga.participants.support.store.CommandInbox;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.participants.support.store.StoredReply;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A fake of the participants' inbox for unit tests of the pipeline: the reply of each command id, in memory. The real one
 * ({@link ParticipantStore}, one database transaction per command) is tested by {@code ParticipantStoreIT}.
 */
public final class MemoryInbox implements CommandInbox {

    private final Map<String, StoredReply> replies = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();
    private long outboxIds;

    @Override
    public synchronized ParticipantStore.Handled handle(String participant, String commandId, String orderId, String commandType,
            Supplier<StoredReply> work) {
        StoredReply recorded = replies.get(participant + "/" + commandId);
        if (recorded != null) {
            return new ParticipantStore.Handled(recorded, null);
        }
        StoredReply reply = work.get();
        replies.put(participant + "/" + commandId, reply);
        types.put(participant + "/" + commandId, commandType);
        return new ParticipantStore.Handled(reply, ++outboxIds);
    }

    @Override
    public synchronized Optional<StoredReply> recordedReply(String participant, String commandId) {
        return Optional.ofNullable(replies.get(participant + "/" + commandId));
    }

    @Override
    public synchronized Optional<String> commandType(String participant, String commandId) {
        return Optional.ofNullable(types.get(participant + "/" + commandId));
    }

    public synchronized long handledCount(String participant) {
        return replies.keySet().stream().filter(key -> key.startsWith(participant + "/")).count();
    }
}

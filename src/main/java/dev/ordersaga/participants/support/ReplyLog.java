package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.MalformedMessageException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deduplication store of one participant: the reply of every business outcome, by command id. In
 * memory and unbounded (a demo service); a production participant would keep it in its database, in the
 * same transaction as its state, and expire it after the longest retry horizon.
 */
final class ReplyLog {

    private record Entry(String commandType, Envelope reply) {}

    private final Map<String, Entry> replies = new ConcurrentHashMap<>();

    /**
     * The reply recorded for this command id, or null.
     *
     * @throws MalformedMessageException if the command id was recorded for another command type
     */
    Envelope find(String commandId, String commandType) {
        Entry entry = replies.get(commandId);
        if (entry == null) {
            return null;
        }
        if (!entry.commandType().equals(commandType)) {
            throw new MalformedMessageException("Command id " + commandId + " was used for " + entry.commandType()
                    + " before and now for " + commandType, null);
        }
        return entry.reply();
    }

    /** Records a reply; if another thread recorded one for this command id first, that one wins and is returned. */
    Envelope record(String commandId, String commandType, Envelope reply) {
        Entry previous = replies.putIfAbsent(commandId, new Entry(commandType, reply));
        return previous == null ? reply : previous.reply();
    }

    boolean contains(String commandId) {
        return replies.containsKey(commandId);
    }

    int size() {
        return replies.size();
    }
}

package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MalformedMessageException;

/**
 * The deduplication store of one participant: the reply of every business outcome, by command id, for the
 * most recent {@code limit} command ids (a demo service keeps it in memory, bounded: see {@link
 * ParticipantsProperties#rememberedOrders()}; a production participant keeps it in its database, in the same
 * transaction as its state, and expires it after the longest retry horizon). A reply is kept as the JSON
 * text it is sent as, a fraction of the memory of the decoded message, and decoded again when a repeated
 * command asks for it.
 */
final class ReplyLog {

    private record Entry(String commandType, String reply) {}

    private final RecentEntries<String, Entry> replies; // guarded by itself
    private final EnvelopeCodec codec;

    ReplyLog(int limit, EnvelopeCodec codec) {
        this.replies = new RecentEntries<>(limit);
        this.codec = codec;
    }

    /**
     * The reply recorded for this command id, or null.
     *
     * @throws MalformedMessageException if the command id was recorded for another command type
     */
    Envelope find(String commandId, String commandType) {
        Entry entry;
        synchronized (replies) {
            entry = replies.get(commandId);
        }
        if (entry == null) {
            return null;
        }
        if (!entry.commandType().equals(commandType)) {
            throw new MalformedMessageException("Command id " + commandId + " was used for " + entry.commandType()
                    + " before and now for " + commandType, null);
        }
        return codec.read(entry.reply());
    }

    /** Records a reply; if another thread recorded one for this command id first, that one wins and is returned. */
    Envelope record(String commandId, String commandType, Envelope reply) {
        Entry previous;
        synchronized (replies) {
            previous = replies.putIfAbsent(commandId, new Entry(commandType, codec.write(reply)));
        }
        return previous == null ? reply : codec.read(previous.reply());
    }

    boolean contains(String commandId) {
        synchronized (replies) {
            return replies.containsKey(commandId);
        }
    }

    int size() {
        synchronized (replies) {
            return replies.size();
        }
    }
}

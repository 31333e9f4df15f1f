package dev.ordersaga.participants.support;

import dev.ordersaga.participants.support.store.StoredReply;
import java.util.LinkedList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reply faults of one participant ({@link Faults}): a reply sent late, sent twice, or followed by an old reply of this
 * participant sent again (one of the last {@value #REPLAYABLE} outcomes it recorded, of any order). They let a soak show
 * that the saga takes duplicated, delayed and replayed replies in its stride.
 */
final class ReplyFaults {

    /** How many recorded outcomes an injected replay picks from. */
    static final int REPLAYABLE = 100;
    private static final Logger log = LoggerFactory.getLogger(ReplyFaults.class);

    /** The last outcomes recorded, while replies are replayed. */
    private final LinkedList<StoredReply> replayable = new LinkedList<>();

    CompletableFuture<?> send(String participant, Faults current, DoubleSupplier random, StoredReply reply, boolean recorded,
            Function<StoredReply, CompletableFuture<?>> send, Function<StoredReply, CompletableFuture<?>> again) {
        if (!current.anyOfReplies()) {
            return send.apply(reply);
        }
        CompletableFuture<?> sent;
        if (random.getAsDouble() < current.lateReplyRate()) {
            log.warn("Participant {}: injected late reply to {} (after {})", participant, reply.key(), current.lateReplyDelay());
            Executor later = CompletableFuture.delayedExecutor(current.lateReplyDelay().toMillis(), TimeUnit.MILLISECONDS);
            sent = CompletableFuture.runAsync(() -> {}, later).thenCompose(ignored -> send.apply(reply));
        } else {
            sent = send.apply(reply);
        }
        if (random.getAsDouble() < current.duplicateReplyRate()) {
            log.warn("Participant {}: injected duplicate reply to {}", participant, reply.key());
            sent = sent.thenCompose(ignored -> again.apply(reply));
        }
        synchronized (replayable) {
            if (!replayable.isEmpty() && random.getAsDouble() < current.replayReplyRate()) {
                StoredReply old = replayable.get((int) (random.getAsDouble() * replayable.size()) % replayable.size());
                log.warn("Participant {}: injected replay of an old reply to {}", participant, old.key());
                sent = sent.thenCompose(ignored -> again.apply(old));
            }
            if (recorded) {
                replayable.addLast(reply);
                if (replayable.size() > REPLAYABLE) {
                    replayable.removeFirst();
                }
            }
        }
        return sent;
    }
}

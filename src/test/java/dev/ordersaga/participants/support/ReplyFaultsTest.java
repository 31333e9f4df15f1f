package dev.ordersaga.participants.support;

import static dev.ordersaga.participants.support.Commands.CODEC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.participants.support.store.StoredReply;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The faults of a participant's replies (the soak's duplicated, late and replayed replies): {@link Participant#send}. */
class ReplyFaultsTest {

    @CommandHandler(name = "replier")
    static final class Replier {}

    private final Queue<Double> randoms = new ArrayDeque<>();
    private final Participant participant = new Participant(Handler.of(new Replier()), "replier-participant", ParticipantSettings.defaults("replier"),
            CODEC, new MemoryInbox(), () -> randoms.isEmpty() ? 0.99 : randoms.remove(), duration -> {});
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Test
    void withoutReplyFaultsAReplyIsSentOnce() {
        send(reply("a"), true).join();

        assertThat(sent).containsExactly("send a");
    }

    @Test
    void aDuplicatedReplyIsSentTwiceTheSecondTimeAsACopy() {
        participant.injectFaults(new Faults(Duration.ZERO, 0.0, 0.0, 1.0, 0.0, Duration.ZERO, 0.0));

        send(reply("a"), true).join();

        assertThat(sent).containsExactly("send a", "copy a");
    }

    @Test
    void aLateReplyIsSentAfterItsDelayAndTheSendCompletesOnlyThen() {
        participant.injectFaults(new Faults(Duration.ZERO, 0.0, 0.0, 0.0, 1.0, Duration.ofMillis(300), 0.0));

        long started = System.nanoTime();
        var sending = send(reply("a"), true);

        assertThat(sent).isEmpty();
        sending.join();
        assertThat(sent).containsExactly("send a");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aReplayedReplyIsAnOldRecordedOutcomeSentAgainAfterTheNewReply() {
        participant.injectFaults(new Faults(Duration.ZERO, 0.0, 0.0, 0.0, 0.0, Duration.ZERO, 0.5));
        send(reply("old"), true).join();
        send(reply("failure, not recorded"), false).join();

        // late: no (0.9), duplicate: no (0.9), replay: yes (0.1), which one: the first of those kept (0.0)
        randoms.addAll(List.of(0.9, 0.9, 0.1, 0.0));
        send(reply("new"), true).join();

        assertThat(sent).containsExactly("send old", "send failure, not recorded", "send new", "copy old");
    }

    private CompletableFuture<?> send(StoredReply reply, boolean recorded) {
        return participant.send(reply, recorded, r -> record("send " + r.key()), r -> record("copy " + r.key()));
    }

    private CompletableFuture<?> record(String what) {
        sent.add(what);
        return CompletableFuture.completedFuture(null);
    }

    private static StoredReply reply(String key) {
        return new StoredReply("replier-events", key, "{}", Map.of());
    }
}

package dev.ordersaga.participants.support;

import static dev.ordersaga.participants.support.Commands.CODEC;
import static dev.ordersaga.participants.support.Commands.command;
import static dev.ordersaga.participants.support.Commands.participantOf;
import static dev.ordersaga.participants.support.Commands.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.participants.support.CommandHandler.OnCommand;
import dev.ordersaga.messaging.MalformedMessageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParticipantTest {

    /** A forward command and its compensation. */
    record Book(String what) {
        Book {
            if (what == null) {
                throw new IllegalArgumentException("what is required");
            }
        }
    }

    record Unbook() {}

    /** An event: its type on the wire is its record's name. */
    sealed interface TestEvent permits Booked, Unbooked, BookingKO {}

    record Booked(String what, int count) implements TestEvent {}

    record Unbooked(String what, int count) implements TestEvent {}

    record BookingKO(String reason) implements TestEvent {}

    /** Counts what it applies; fails with an exception while {@code failing} is set. */
    @CommandHandler(name = "test")
    static final class CountingHandler {
        final AtomicInteger applied = new AtomicInteger();
        boolean failing;

        @OnCommand(refusal = BookingKO.class)
        public TestEvent book(String orderId, String commandId, Book book) {
            return new Booked(book.what(), apply());
        }

        @OnCommand
        public TestEvent unbook(String orderId, String commandId, Unbook unbook) {
            return new Unbooked("nothing", apply());
        }

        private int apply() {
            if (failing) {
                throw new IllegalStateException("database on fire");
            }
            return applied.incrementAndGet();
        }
    }

    /** Only commands that cannot be refused. */
    @CommandHandler(name = "never-refuses")
    static final class NeverRefuses {

        @OnCommand
        public Unbooked unbook(String orderId, String commandId, Unbook unbook) {
            return new Unbooked("nothing", 0);
        }
    }

    private final CountingHandler handler = new CountingHandler();
    private final MemoryInbox inbox = new MemoryInbox();
    private final List<Duration> sleeps = new ArrayList<>();
    private double nextRandom = 0.5;
    private final Participant participant = new Participant(Handler.of(handler), "test-participant", ParticipantSettings.defaults("test"), CODEC,
            inbox, () -> nextRandom, sleeps::add);

    @Test
    void answersWithTheOutcomeAsTheCommandsReply() {
        Envelope command = command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}");

        Envelope reply = process(participant, command);

        assertThat(reply.type()).isEqualTo("Booked");
        assertThat(reply.id()).isEqualTo(command.reply("Booked", "test", null).id());
        assertThat(reply.orderId()).isEqualTo("order-1");
        assertThat(reply.commandId()).isEqualTo("cmd-1");
        assertThat(reply.source()).isEqualTo("test");
        assertThat(reply.payload().path("what").asText()).isEqualTo("a room");
    }

    @Test
    void sameCommandIdAgainResendsTheRecordedReplyAndChangesNothing() {
        Envelope first = process(participant, command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"));

        Envelope again = process(participant, command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"));

        assertThat(again).isEqualTo(first);
        assertThat(handler.applied).hasValue(1);
        assertThat(inbox.handledCount(participant.name())).isEqualTo(1);
    }

    @Test
    void businessFailuresAreRecordedToo() {
        participant.injectFaults(new Faults(Duration.ZERO, 0.0, 1.0));
        Envelope refused = process(participant, command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"));
        participant.injectFaults(Faults.NONE);

        Envelope again = process(participant, command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"));

        assertThat(refused.type()).isEqualTo("BookingKO");
        assertThat(again).isEqualTo(refused);
        assertThat(handler.applied).hasValue(0);
    }

    @Test
    void anExceptionIsAnsweredWithCommandFailedWhichIsNotRecorded() {
        handler.failing = true;
        Envelope failed = process(participant, command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"));
        handler.failing = false;

        Envelope retried = process(participant, command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"));

        assertThat(failed.type()).isEqualTo(CommandFailed.TYPE);
        assertThat(failed.payload().path("reason").asText()).contains("database on fire");
        assertThat(retried.type()).isEqualTo("Booked");
        assertThat(handler.applied).hasValue(1);
    }

    @Test
    void aPayloadThatDoesNotFitIsMalformed() {
        assertThatThrownBy(() -> process(participant, command("Book", "order-1", "cmd-1", "{\"who\": 1}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("Book");
        assertThat(handler.applied).hasValue(0);
    }

    @Test
    void anUnknownCommandTypeIsMalformed() {
        assertThatThrownBy(() -> process(participant, command("Teleport", "order-1", "cmd-1", "{}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("Teleport");
    }

    @Test
    void aCommandWithoutCommandIdIsMalformed() {
        for (String commandId : new String[] {null, " "}) {
            var command = new Envelope(Envelope.SCHEMA_VERSION, "id-1", "Book", "order-1", commandId, "bridge", Instant.now(),
                    Commands.json("{\"what\": \"x\"}"));

            assertThatThrownBy(() -> process(participant, command))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("commandId");
        }
        assertThat(handler.applied).hasValue(0);
    }

    @Test
    void aCommandIdReusedForAnotherCommandTypeIsMalformed() {
        process(participant, command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"));

        assertThatThrownBy(() -> process(participant, command("Unbook", "order-1", "cmd-1", "{}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("cmd-1");
    }

    @Test
    void injectedTechnicalFailureAnswersCommandFailedWithoutApplying() {
        participant.injectFaults(new Faults(Duration.ZERO, 0.6, 0.0));
        nextRandom = 0.59;
        Envelope failed = process(participant, command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"));
        nextRandom = 0.6;
        Envelope retried = process(participant, command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"));

        assertThat(failed.type()).isEqualTo(CommandFailed.TYPE);
        assertThat(failed.payload().path("reason").asText()).contains("Injected technical failure");
        assertThat(retried.type()).isEqualTo("Booked");
        assertThat(handler.applied).hasValue(1);
    }

    @Test
    void injectedBusinessFailureRefusesForwardCommandsOnly() {
        participant.injectFaults(new Faults(Duration.ZERO, 0.0, 1.0));
        nextRandom = 0.0;

        Envelope refused = process(participant, command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"));
        Envelope compensated = process(participant, command("Unbook", "order-1", "cmd-2", "{}"));

        assertThat(refused.type()).isEqualTo("BookingKO");
        assertThat(refused.payload().path("reason").asText()).contains("Injected business failure");
        assertThat(compensated.type()).isEqualTo("Unbooked");
        assertThat(handler.applied).hasValue(1);
    }

    @Test
    void businessFailureRateIsRejectedWhereThereIsNoBusinessFailure() {
        var neverRefuses = participantOf(new NeverRefuses(), inbox);

        assertThatThrownBy(() -> neverRefuses.injectFaults(new Faults(Duration.ZERO, 0.0, 0.1)))
                .isInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("no business failure");
        assertThat(neverRefuses.faults()).isEqualTo(Faults.NONE);
    }

    @Test
    void delayHoldsABatchWithNewCommandsOnceButNotABatchOfRepeatedOnes() {
        participant.injectFaults(new Faults(Duration.ofSeconds(5), 0.0, 0.0));
        var first = command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}");
        var second = command("Book", "order-2", "cmd-2", "{\"what\": \"a car\"}");

        participant.hold(List.of(first, second));
        process(participant, first);
        process(participant, second);
        participant.hold(List.of(first));
        process(participant, first);
        participant.hold(List.of(first, command("Book", "order-3", "cmd-3", "{\"what\": \"a flight\"}")));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(handler.applied).hasValue(2);
    }

    @Test
    void anInterruptedDelayAppliesNothing() {
        var freshInbox = new MemoryInbox();
        var interrupted = new Participant(Handler.of(handler), "test-participant", ParticipantSettings.defaults("test"), CODEC,
                freshInbox, () -> 0.5,
                duration -> {
                    throw new InterruptedException("stop");
                });
        interrupted.injectFaults(new Faults(Duration.ofSeconds(1), 0.0, 0.0));

        try {
            assertThatThrownBy(() -> interrupted.hold(List.of(command("Book", "order-1", "cmd-1", "{\"what\": \"a room\"}"))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(handler.applied).hasValue(0);
        assertThat(freshInbox.handledCount(interrupted.name())).isZero();
    }
}

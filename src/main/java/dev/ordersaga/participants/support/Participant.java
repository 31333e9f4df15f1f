package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.participants.support.store.CommandInbox;
import dev.ordersaga.participants.support.store.ParticipantStore.Handled;
import dev.ordersaga.participants.support.store.StoredReply;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant's way from a command to its reply, without Kafka: decode, injected faults, then its {@link Handler}
 * inside the command's transaction of the {@link CommandInbox}, which answers a command id seen before with the reply it
 * recorded. A {@link CommandFailed} is never recorded, so that a retry is applied.
 */
public final class Participant {

    private static final Logger log = LoggerFactory.getLogger(Participant.class);

    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Handler handler;
    private final String listenerId;
    private final ParticipantSettings settings;
    private final EnvelopeCodec codec;
    private final CommandInbox inbox;
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final ReplyFaults replyFaults = new ReplyFaults();
    private final DoubleSupplier random;
    private final Sleeper sleeper;

    public Participant(Handler handler, String listenerId, ParticipantSettings settings, EnvelopeCodec codec, CommandInbox inbox) {
        this(handler, listenerId, settings, codec, inbox, () -> ThreadLocalRandom.current().nextDouble(), Thread::sleep);
    }

    Participant(Handler handler, String listenerId, ParticipantSettings settings, EnvelopeCodec codec, CommandInbox inbox, DoubleSupplier random,
            Sleeper sleeper) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.listenerId = Objects.requireNonNull(listenerId, "listenerId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.random = random;
        this.sleeper = sleeper;
    }

    /** The listener id, also the consumer group, of a participant in this application. */
    public static String listenerId(String name) {
        return name + "-participant";
    }

    public String name() {
        return handler.name();
    }

    public String listenerId() {
        return listenerId;
    }

    public Handler handler() {
        return handler;
    }

    public ParticipantSettings settings() {
        return settings;
    }

    public EnvelopeCodec codec() {
        return codec;
    }

    public Faults faults() {
        return faults.get();
    }

    /** @throws Faults.InvalidFaultsException if they ask for a business failure this participant cannot have */
    public void injectFaults(Faults newFaults) {
        if (newFaults.businessFailureRate() > 0 && !handler.hasBusinessFailures()) {
            throw new Faults.InvalidFaultsException(name() + " has no business failure; businessFailureRate must be 0");
        }
        if (!faults.getAndSet(newFaults).equals(newFaults)) {
            log.warn("Participant {}: injected faults are now {}", name(), newFaults);
        }
    }

    /**
     * The reply to a command as it is sent, with its outbox entry when this call applied the command.
     *
     * @param asSent the reply record as it goes to Kafka: what is recorded and sent again
     * @throws MalformedMessageException if the command can never be processed
     */
    public Handled answer(Envelope command, Function<Envelope, StoredReply> asSent) {
        String commandId = command.commandId();
        if (commandId == null || commandId.isBlank()) {
            throw new MalformedMessageException(command.type() + " " + command.id() + " for order " + command.orderId() + " has no commandId", null);
        }
        Handler.Command type = type(command);
        Object payload = codec.fromPayload(command.payload(), type.type());
        Faults current = faults.get();
        // A command answered before keeps its reply: a technical fault must not turn a recorded outcome into a failure.
        if (current.technicalFailureRate() > 0 && inbox.recordedReply(name(), commandId).isEmpty() && random.getAsDouble() < current.technicalFailureRate()) {
            log.warn("Order {}: injected technical failure for {} {}", command.orderId(), command.type(), commandId);
            return failed(command, asSent, "Injected technical failure (fault injection at " + name() + ")");
        }
        Handled handled;
        try {
            handled = inbox.handle(name(), commandId, command.orderId(), command.type(), () -> {
                Object event = injectedRefusal(command, type, current).orElseGet(() -> handler.apply(type, command.orderId(), commandId, payload));
                return asSent.apply(command.reply(event.getClass().getSimpleName(), name(), codec.toPayload(event)));
            });
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Order {}: {} {} failed at {}; answering {}", command.orderId(), command.type(), commandId, name(), CommandFailed.TYPE, e);
            return failed(command, asSent, name() + " could not process " + command.type() + ": " + e);
        }
        if (!handled.applied()) {
            inbox.commandType(name(), commandId).filter(before -> !before.equals(command.type())).ifPresent(before -> {
                throw new MalformedMessageException("Command id " + commandId + " was used for " + before + " before and now for " + command.type(), null);
            });
            log.debug("Order {}: {} {} was answered before; re-sending its reply", command.orderId(), command.type(), commandId);
            return handled;
        }
        log.debug("Order {}: {} {} → {}", command.orderId(), command.type(), commandId, handled.reply().value());
        return handled;
    }

    /**
     * Sends a reply under the injected reply faults ({@link ReplyFaults}); completes once every send completed.
     *
     * @param recorded whether this call recorded the reply (a business outcome, not a {@code CommandFailed} nor a repeat)
     * @param send sends the reply itself (and settles its outbox entry)
     * @param again sends a copy (no outbox entry)
     */
    public CompletableFuture<?> send(StoredReply reply, boolean recorded, Function<StoredReply, CompletableFuture<?>> send,
            Function<StoredReply, CompletableFuture<?>> again) {
        return replyFaults.send(name(), faults.get(), random, reply, recorded, send, again);
    }

    /** @throws MalformedMessageException if it is not a command of this participant */
    Handler.Command type(Envelope command) {
        return Optional.ofNullable(handler.commands().get(command.type())).orElseThrow(() -> new MalformedMessageException("Unknown command type '"
                + command.type() + "' for " + name() + " (knows " + String.join(", ", handler.commands().keySet()) + ")", null));
    }

    private Optional<Object> injectedRefusal(Envelope command, Handler.Command type, Faults current) {
        if (current.businessFailureRate() <= 0 || type.refusal() == null || random.getAsDouble() >= current.businessFailureRate()) {
            return Optional.empty();
        }
        Object refusal = handler.refusal(type, "Injected business failure (fault injection at " + name() + ")");
        log.warn("Order {}: injected business failure {} for {} {}", command.orderId(), refusal.getClass().getSimpleName(), command.type(),
                command.commandId());
        return Optional.of(refusal);
    }

    /**
     * Holds a batch for the injected delay, once, unless every command of it was answered before (a reply sent again is
     * never delayed).
     *
     * @throws IllegalStateException if interrupted: nothing of the batch is applied
     */
    public void hold(List<Envelope> commands) {
        Duration delay = faults.get().delay();
        if (delay.isZero() || commands.stream().allMatch(c -> c.commandId() != null && inbox.recordedReply(name(), c.commandId()).isPresent())) {
            return;
        }
        log.info("Participant {}: holding {} command(s) for {} (injected delay)", name(), commands.size(), delay);
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while holding " + commands.size() + " command(s) at " + name() + "; none is applied", e);
        }
    }

    private Handled failed(Envelope command, Function<Envelope, StoredReply> asSent, String reason) {
        return new Handled(asSent.apply(command.reply(CommandFailed.TYPE, name(), codec.toPayload(new CommandFailed(reason)))), null);
    }

    @Override
    public String toString() {
        return "Participant[" + name() + "]";
    }
}

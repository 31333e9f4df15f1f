package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.participants.support.store.CommandInbox;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.participants.support.store.StoredReply;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant's way from a command to its reply, without Kafka: decode the command, apply injected faults, then
 * the participant's {@link CommandHandler} inside the command's transaction of its {@link CommandInbox} (which answers a
 * command id handled before with its recorded reply, and records the reply as it will be sent). Business outcomes are
 * recorded per command id; {@link CommandFailed} is not (its transaction is rolled back, or never started), so a retry
 * is applied.
 *
 * @param <C> the participant's command type
 */
public final class Participant<C> {

    private static final Logger log = LoggerFactory.getLogger(Participant.class);

    /** Holds a command for the injected delay. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final String name;
    private final String listenerId;
    private final ParticipantSettings settings;
    private final CommandHandler<C, ?> handler;
    private final Map<String, Class<? extends C>> commandTypes;
    private final EnvelopeCodec codec;
    private final CommandInbox inbox;
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    /** Commands applied by this process (not repeats), counted for the {@link HaltPoints}. */
    private final AtomicInteger applied = new AtomicInteger();
    private final DoubleSupplier random;
    private final Sleeper sleeper;

    /** With the default settings and listener id: for tests. */
    public Participant(CommandHandler<C, ?> handler, EnvelopeCodec codec, CommandInbox inbox) {
        this(handler, listenerId(handler.name()), ParticipantSettings.defaults(handler.name()), codec, inbox);
    }

    /**
     * @param listenerId the id (and consumer group) of its listener container
     * @param inbox where its handled commands and their replies are kept (the participants' database)
     */
    public Participant(CommandHandler<C, ?> handler, String listenerId, ParticipantSettings settings, EnvelopeCodec codec, CommandInbox inbox) {
        this(handler, listenerId, settings, codec, inbox, () -> ThreadLocalRandom.current().nextDouble(), Thread::sleep);
    }

    Participant(CommandHandler<C, ?> handler, String listenerId, ParticipantSettings settings, EnvelopeCodec codec,
            CommandInbox inbox, DoubleSupplier random, Sleeper sleeper) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.name = Objects.requireNonNull(handler.name(), "name");
        this.listenerId = Objects.requireNonNull(listenerId, "listenerId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.commandTypes = commandTypes(handler.commands());
        this.codec = Objects.requireNonNull(codec, "codec");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.random = random;
        this.sleeper = sleeper;
    }

    /** The listener id (and consumer group) of a participant in this application: {@code <name>-participant}. */
    public static String listenerId(String name) {
        return name + "-participant";
    }

    /** The commands by their type on the wire, the simple name of their record, in the order the contract declares them. */
    private static <C> Map<String, Class<? extends C>> commandTypes(Class<C> commands) {
        Class<?>[] records = commands.isSealed() ? commands.getPermittedSubclasses() : new Class<?>[] {commands};
        var types = new LinkedHashMap<String, Class<? extends C>>();
        for (Class<?> record : records) {
            types.put(record.getSimpleName(), record.asSubclass(commands));
        }
        return Collections.unmodifiableMap(types);
    }

    public String name() {
        return name;
    }

    public String listenerId() {
        return listenerId;
    }

    public CommandHandler<C, ?> handler() {
        return handler;
    }

    public ParticipantSettings settings() {
        return settings;
    }

    public Faults faults() {
        return faults.get();
    }

    /**
     * Replaces the injected faults.
     *
     * @throws Faults.InvalidFaultsException if they ask for a business failure this participant cannot have
     */
    public void injectFaults(Faults newFaults) {
        Objects.requireNonNull(newFaults, "faults");
        if (newFaults.businessFailureRate() > 0 && !handler.hasBusinessFailures()) {
            throw new Faults.InvalidFaultsException(name + " has no business failure; businessFailureRate must be 0");
        }
        Faults previous = faults.getAndSet(newFaults);
        if (!previous.equals(newFaults)) {
            log.warn("Participant {}: injected faults are now {}", name, newFaults);
        }
    }

    /** The number of business outcomes recorded (one per command id, until the inbox's retention). */
    public long recordedOutcomes() {
        return inbox.handledCount(name);
    }

    /**
     * The reply to a command as it is sent, with its outbox entry when this call applied the command (null for a repeat,
     * which gets its recorded reply, and for a {@link CommandFailed}, which is not recorded).
     *
     * @param asSent the reply record as it goes to Kafka (topic, key, value, headers): what is recorded and re-sent
     * @throws MalformedMessageException if the command has no command id, an unknown type or a payload
     *     that does not fit it: it can never be processed
     */
    public ParticipantStore.Handled answer(Envelope command, Function<Envelope, StoredReply> asSent) {
        String commandId = command.commandId();
        if (commandId == null || commandId.isBlank()) {
            throw new MalformedMessageException(command.type() + " " + command.id() + " for order " + command.orderId()
                    + " has no commandId", null);
        }
        C typed = decode(command);
        Faults current = faults.get();
        if (current.technicalFailureRate() > 0) {
            Optional<StoredReply> recorded = inbox.recordedReply(name, commandId);
            if (recorded.isPresent()) {
                requireSameType(command, commandId);
                log.debug("Order {}: {} {} was answered before; re-sending its reply", command.orderId(), command.type(), commandId);
                return new ParticipantStore.Handled(recorded.get(), null);
            }
            if (random.getAsDouble() < current.technicalFailureRate()) {
                log.warn("Order {}: injected technical failure for {} {}", command.orderId(), command.type(), commandId);
                return new ParticipantStore.Handled(asSent.apply(failed(command, "Injected technical failure (fault injection at " + name + ")")), null);
            }
        }
        ParticipantStore.Handled handled;
        var number = new AtomicInteger();
        try {
            handled = inbox.handle(name, commandId, command.orderId(), command.type(), () -> {
                Object event = injectedRefusal(command, typed, current).orElseGet(() -> handler.apply(command.orderId(), commandId, typed));
                StoredReply reply = asSent.apply(command.reply(event.getClass().getSimpleName(), name, codec.toPayload(event)));
                number.set(applied.incrementAndGet());
                settings.halt().beforeCommit(number.get(), name, command);
                return reply;
            });
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Order {}: {} {} failed at {}; answering {}", command.orderId(), command.type(), commandId, name,
                    CommandFailed.TYPE, e);
            return new ParticipantStore.Handled(asSent.apply(failed(command, name + " could not process " + command.type() + ": " + e)), null);
        }
        if (!handled.applied()) {
            requireSameType(command, commandId);
        }
        if (handled.applied()) {
            settings.halt().afterCommit(number.get(), name, command);
            log.debug("Order {}: {} {} → {}", command.orderId(), command.type(), commandId, handled.reply().value());
        } else {
            log.debug("Order {}: {} {} was answered before; re-sending its reply", command.orderId(), command.type(), commandId);
        }
        return handled;
    }

    /** A command id answered before must have been of the same command type. */
    private void requireSameType(Envelope command, String commandId) {
        inbox.commandType(name, commandId).filter(type -> !type.equals(command.type())).ifPresent(type -> {
            throw new MalformedMessageException("Command id " + commandId + " was used for " + type + " before and now for " + command.type(), null);
        });
    }

    /** The reply to a command, as {@link #answer} gives it, recorded as the bare envelope on the event topic: for tests. */
    public Envelope process(Envelope command) {
        return codec.read(answer(command, reply -> new StoredReply(settings.eventTopic(), reply.orderId(), codec.write(reply), Map.of()))
                .reply().value());
    }

    /**
     * Reads a command's typed payload.
     *
     * @throws MalformedMessageException if the type is not one of this participant's commands or the payload does not fit it
     */
    public C decode(Envelope command) {
        Class<? extends C> type = commandTypes.get(command.type());
        if (type == null) {
            throw new MalformedMessageException("Unknown command type '" + command.type() + "' for " + name + " (knows "
                    + String.join(", ", commandTypes.keySet()) + ")", null);
        }
        return codec.fromPayload(command.payload(), type);
    }

    private Optional<Object> injectedRefusal(Envelope command, C typed, Faults current) {
        if (current.businessFailureRate() <= 0) {
            return Optional.empty();
        }
        Optional<Object> refusal = handler.refusal(typed, "Injected business failure (fault injection at " + name + ")").map(Object.class::cast);
        if (refusal.isEmpty() || random.getAsDouble() >= current.businessFailureRate()) {
            return Optional.empty();
        }
        log.warn("Order {}: injected business failure {} for {} {}", command.orderId(), refusal.get().getClass().getSimpleName(), command.type(),
                command.commandId());
        return refusal;
    }

    /**
     * Holds a batch of commands for the injected delay, once for the whole batch, unless every command in it
     * was answered before (a re-sent reply is never delayed).
     *
     * @throws IllegalStateException if interrupted: nothing of the batch is applied
     */
    public void hold(List<Envelope> commands) {
        Duration delay = faults.get().delay();
        Predicate<Envelope> answeredBefore = c -> c.commandId() != null && inbox.recordedReply(name, c.commandId()).isPresent();
        if (delay.isZero() || commands.stream().allMatch(answeredBefore)) {
            return;
        }
        log.info("Participant {}: holding {} command(s) for {} (injected delay)", name, commands.size(), delay);
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while holding " + commands.size() + " command(s) at " + name + "; none is applied", e);
        }
    }

    private Envelope failed(Envelope command, String reason) {
        return command.reply(CommandFailed.TYPE, name, codec.toPayload(new CommandFailed(reason)));
    }

    @Override
    public String toString() {
        return "Participant[" + name + "]";
    }
}

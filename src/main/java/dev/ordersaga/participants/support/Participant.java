package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MalformedMessageException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant's way from a command to its reply, without Kafka: decode the command, re-send the
 * recorded reply if its command id was answered before, apply injected faults, then the participant's
 * {@link CommandHandler}. Business outcomes are recorded per command id; {@link CommandFailed} is not.
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
    private final CommandHandler<C> handler;
    private final EnvelopeCodec codec;
    private final ReplyLog replies;
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final DoubleSupplier random;
    private final Sleeper sleeper;

    /**
     * @param name the participant's name, also the {@code source} of its replies, e.g. {@code inventory}
     * @param listenerId the id of its {@code @KafkaListener} container
     */
    public Participant(String name, String listenerId, ParticipantSettings settings, CommandHandler<C> handler, EnvelopeCodec codec) {
        this(name, listenerId, settings, handler, codec, ParticipantsProperties.DEFAULT_REMEMBERED_ORDERS);
    }

    /**
     * @param rememberedOrders how many orders' replies it remembers (two commands per order: the step's and its
     *     compensation's), see {@link ParticipantsProperties#rememberedOrders()}
     */
    public Participant(String name, String listenerId, ParticipantSettings settings, CommandHandler<C> handler, EnvelopeCodec codec,
            int rememberedOrders) {
        this(name, listenerId, settings, handler, codec, rememberedOrders, () -> ThreadLocalRandom.current().nextDouble(), Thread::sleep);
    }

    Participant(String name, String listenerId, ParticipantSettings settings, CommandHandler<C> handler, EnvelopeCodec codec,
            DoubleSupplier random, Sleeper sleeper) {
        this(name, listenerId, settings, handler, codec, ParticipantsProperties.DEFAULT_REMEMBERED_ORDERS, random, sleeper);
    }

    Participant(String name, String listenerId, ParticipantSettings settings, CommandHandler<C> handler, EnvelopeCodec codec,
            int rememberedOrders, DoubleSupplier random, Sleeper sleeper) {
        this.name = Objects.requireNonNull(name, "name");
        this.listenerId = Objects.requireNonNull(listenerId, "listenerId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.replies = new ReplyLog(Math.multiplyExact(2, rememberedOrders), codec);
        this.random = random;
        this.sleeper = sleeper;
    }

    public String name() {
        return name;
    }

    public String listenerId() {
        return listenerId;
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

    /** The number of business outcomes recorded (one per command id). */
    public int recordedOutcomes() {
        return replies.size();
    }

    /**
     * The reply to a command.
     *
     * @throws MalformedMessageException if the command has no command id, an unknown type or a payload
     *     that does not fit it: it can never be processed
     */
    public Envelope process(Envelope command) {
        String commandId = command.commandId();
        if (commandId == null || commandId.isBlank()) {
            throw new MalformedMessageException(command.type() + " " + command.id() + " for order " + command.orderId()
                    + " has no commandId", null);
        }
        C typed = handler.decode(command);
        Envelope recorded = replies.find(commandId, command.type());
        if (recorded != null) {
            log.debug("Order {}: {} {} was answered before; re-sending {} {}", command.orderId(), command.type(), commandId,
                    recorded.type(), recorded.id());
            return recorded;
        }
        Faults current = faults.get();
        if (current.technicalFailureRate() > 0 && random.getAsDouble() < current.technicalFailureRate()) {
            log.warn("Order {}: injected technical failure for {} {}", command.orderId(), command.type(), commandId);
            return failed(command, "Injected technical failure (fault injection at " + name + ")");
        }
        Envelope reply;
        try {
            Outcome outcome = injectedRefusal(command, typed, current)
                    .orElseGet(() -> handler.apply(command.orderId(), typed));
            reply = command.reply(outcome.type(), name, codec.toPayload(outcome.payload()));
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Order {}: {} {} failed at {}; answering {}", command.orderId(), command.type(), commandId, name,
                    CommandFailed.TYPE, e);
            return failed(command, name + " could not process " + command.type() + ": " + e);
        }
        Envelope answer = replies.record(commandId, command.type(), reply);
        log.debug("Order {}: {} {} → {} {}", command.orderId(), command.type(), commandId, answer.type(), answer.payload());
        return answer;
    }

    private Optional<Outcome> injectedRefusal(Envelope command, C typed, Faults current) {
        if (current.businessFailureRate() <= 0) {
            return Optional.empty();
        }
        Optional<Outcome> refusal = handler.refusal(typed, "Injected business failure (fault injection at " + name + ")");
        if (refusal.isEmpty() || random.getAsDouble() >= current.businessFailureRate()) {
            return Optional.empty();
        }
        log.warn("Order {}: injected business failure {} for {} {}", command.orderId(), refusal.get().type(), command.type(),
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
        if (delay.isZero() || commands.stream().allMatch(c -> c.commandId() != null && replies.contains(c.commandId()))) {
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

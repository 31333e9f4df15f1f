package dev.ordersaga.participants.support;

import java.util.Objects;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The settings of one participant, under {@code order-saga.participants.<name>}. They share their prefix with the
 * switches of {@link ParticipantsProperties} ({@code enabled}, {@code admin.enabled}) and {@code store.*} ({@code ParticipantStoreProperties}), so
 * they are bound by participant name, for every participant that has a {@link CommandHandler}.
 *
 * @param enabled whether this participant runs here (only when {@link ParticipantsProperties#enabled()} too)
 * @param concurrency listener threads, each with its share of the command topic's partitions; a thread takes every
 *     command buffered for its partitions in one batch, so a few threads serve many partitions (and each one less is
 *     one consumer less polling the broker); commands of one order always land on one thread (keyed by order id)
 * @param commandTopic where it consumes commands, default {@code <name>-commands}
 * @param eventTopic where it answers, default {@code <name>-events}
 * @param halt where its process halts, for crash tests only ({@code fault.halt-before-commit}, {@code
 *     fault.halt-after-commit}; see {@link HaltPoints}): never by default
 */
public record ParticipantSettings(boolean enabled, int concurrency, String commandTopic, String eventTopic, HaltPoints halt) {

    /** Settings that never halt the process. */
    public ParticipantSettings(boolean enabled, int concurrency, String commandTopic, String eventTopic) {
        this(enabled, concurrency, commandTopic, eventTopic, HaltPoints.NONE);
    }

    public ParticipantSettings {
        Objects.requireNonNull(halt, "halt");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, is " + concurrency);
        }
        if (commandTopic == null || commandTopic.isBlank() || eventTopic == null || eventTopic.isBlank()) {
            throw new IllegalArgumentException("a participant needs a command-topic and an event-topic");
        }
    }

    /** Enabled, one listener thread, the topics {@code <name>-commands} and {@code <name>-events}. */
    public static ParticipantSettings defaults(String name) {
        return new ParticipantSettings(true, 1, name + "-commands", name + "-events");
    }

    /** The settings of this participant: {@code order-saga.participants.<name>.*} over {@link #defaults}. */
    public static ParticipantSettings bind(Binder binder, String name) {
        String prefix = ParticipantsProperties.PREFIX + "." + name + ".";
        ParticipantSettings defaults = defaults(name);
        try {
            return new ParticipantSettings(
                    binder.bind(prefix + "enabled", Boolean.class).orElse(defaults.enabled()),
                    binder.bind(prefix + "concurrency", Integer.class).orElse(defaults.concurrency()),
                    binder.bind(prefix + "command-topic", String.class).orElse(defaults.commandTopic()),
                    binder.bind(prefix + "event-topic", String.class).orElse(defaults.eventTopic()),
                    new HaltPoints(binder.bind(prefix + "fault.halt-before-commit", Integer.class).orElse(0),
                            binder.bind(prefix + "fault.halt-after-commit", Integer.class).orElse(0)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + prefix + "*: " + e.getMessage(), e);
        }
    }

    /** The same settings on other topics (the benchmark's copy of a participant). */
    public ParticipantSettings onTopics(String commandTopic, String eventTopic) {
        return new ParticipantSettings(enabled, concurrency, Objects.requireNonNull(commandTopic), Objects.requireNonNull(eventTopic), halt);
    }
}

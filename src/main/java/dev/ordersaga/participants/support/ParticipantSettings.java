package dev.ordersaga.participants.support;

import java.util.Objects;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * One participant's settings, {@code order-saga.participants.<name>.*}: bound by name, because the prefix also holds the
 * switches of {@link ParticipantsProperties} and {@code store.*}.
 *
 * @param concurrency listener threads; each takes all commands buffered for its partitions in one batch, so a few serve many
 * @param halt for crash tests only ({@code fault.halt-before-commit}, {@code fault.halt-after-commit})
 */
public record ParticipantSettings(boolean enabled, int concurrency, String commandTopic, String eventTopic, HaltPoints halt) {

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
        return new ParticipantSettings(true, 1, name + "-commands", name + "-events", HaltPoints.NONE);
    }

    /** {@code order-saga.participants.<name>.*} over the {@link #defaults}. */
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
}

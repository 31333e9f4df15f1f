package dev.ordersaga.participants.support;

import java.util.Objects;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.NestedExceptionUtils;

/**
 * One participant's settings, {@code order-saga.participants.<name>.*}: bound by name, because the prefix also holds the
 * switches {@code enabled}, {@code admin.*} and {@code store.*}.
 *
 * @param concurrency listener threads; each takes all commands buffered for its partitions in one batch, so a few serve many
 * @param commandTopic {@code <name>-commands} unless set, as {@code eventTopic} is {@code <name>-events}
 */
public record ParticipantSettings(@DefaultValue("true") boolean enabled, @DefaultValue("1") int concurrency, String commandTopic,
        String eventTopic) {

    public ParticipantSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, is " + concurrency);
        }
        if (commandTopic != null && commandTopic.isBlank() || eventTopic != null && eventTopic.isBlank()) {
            throw new IllegalArgumentException("a participant's command-topic and event-topic must not be blank");
        }
    }

    /** Enabled, one listener thread, the topics {@code <name>-commands} and {@code <name>-events}. */
    public static ParticipantSettings defaults(String name) {
        return bind(new Binder(), name);
    }

    /** {@code order-saga.participants.<name>.*} over the {@link #defaults}. */
    public static ParticipantSettings bind(Binder binder, String name) {
        String prefix = ParticipantsProperties.PREFIX + "." + name;
        try {
            ParticipantSettings bound = binder.bindOrCreate(prefix, ParticipantSettings.class);
            return new ParticipantSettings(bound.enabled, bound.concurrency, Objects.requireNonNullElse(bound.commandTopic, name + "-commands"),
                    Objects.requireNonNullElse(bound.eventTopic, name + "-events"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid " + prefix + ".*: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage(), e);
        }
    }
}

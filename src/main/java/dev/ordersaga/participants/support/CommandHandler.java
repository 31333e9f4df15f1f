package dev.ordersaga.participants.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * A participant's domain class: its {@link OnCommand} methods are the participant. {@link ParticipantsConfiguration}
 * gives each such bean its settings ({@code order-saga.participants.<name>.*}) and its listener.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@Component
@ConditionalOnParticipants
public @interface CommandHandler {

    /** The source of its replies, the key of its settings and of its default topics {@code <name>-commands}, {@code <name>-events}. */
    String name();
}

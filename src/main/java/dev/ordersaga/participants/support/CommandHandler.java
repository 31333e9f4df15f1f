package dev.ordersaga.participants.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * A participant's domain class, a bean (with {@link ConditionalOnParticipants}): its {@link OnCommand} methods are the
 * participant. {@link ParticipantsConfiguration} gives it its settings ({@code order-saga.participants.<name>.*}) and listener.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@Component
public @interface CommandHandler {

    /** The source of its replies, the key of its settings and of its default topics {@code <name>-commands}, {@code <name>-events}. */
    String name();

    /**
     * A command: a public method {@code (String orderId, String commandId, <command record>)} returning the event record. It
     * runs inside the command's transaction; an exception is a technical failure.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Documented
    @interface OnCommand {

        /** The step's failure event (a record of one {@code String reason}) for an injected business failure; none for compensations. */
        Class<?> refusal() default Void.class;
    }
}

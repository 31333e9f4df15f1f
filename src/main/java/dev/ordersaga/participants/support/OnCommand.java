package dev.ordersaga.participants.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A command of a {@link CommandHandler}: a public method {@code (String orderId, String commandId, <command record>)}
 * returning the event record. It runs inside the command's transaction; an exception is a technical failure.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Documented
public @interface OnCommand {

    /** The step's failure event (a record of one {@code String reason}) for an injected business failure; none for compensations. */
    Class<?> refusal() default Void.class;
}

package dev.ordersaga.participants.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Only where the reference participants run, so that {@code order-saga.participants.enabled=false} leaves the topics to
 * yours. On each bean itself, next to {@link CommandHandler}: a condition carried by that annotation was not applied.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@ConditionalOnProperty(prefix = ParticipantsProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
public @interface ConditionalOnParticipants {}

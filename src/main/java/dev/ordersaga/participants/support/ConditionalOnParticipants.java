package dev.ordersaga.participants.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Only when the reference participants run in this application ({@code order-saga.participants.enabled}, default
 * true): on their beans, so that {@code false} leaves the topics to services of your own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@ConditionalOnProperty(prefix = ParticipantsProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
public @interface ConditionalOnParticipants {}

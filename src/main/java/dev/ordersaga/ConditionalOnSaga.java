package dev.ordersaga;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks the saga side of the application (engine client users: REST API, bridge, state worker,
 * projection). {@code order-saga.saga.enabled=false} (with {@code camunda.client.enabled=false}) leaves
 * only the reference participants running: the participants-only deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnProperty(name = "order-saga.saga.enabled", havingValue = "true", matchIfMissing = true)
public @interface ConditionalOnSaga {}

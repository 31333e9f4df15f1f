package dev.ordersaga.bridge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param groupId consumer group of the outcome listener; all app instances share it, so each event is
 *     handled by exactly one of them
 * @param concurrency outcome listener threads per instance (at most the partition count is useful)
 * @param retryBackoff back-off of a step's first retry after a technical failure, doubled per further failure of
 *     that step (the count is kept with the step's job, see {@code sagaStepFailures})
 * @param maxRetryBackoff upper bound of the retry back-off
 */
@ConfigurationProperties("order-saga.bridge")
public record BridgeProperties(
        @DefaultValue("order-saga-bridge") String groupId,
        @DefaultValue("1") int concurrency,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("1m") Duration maxRetryBackoff) {

    /** The back-off before the next attempt of a step that failed technically {@code failures} times before this failure. */
    public Duration backoffAfter(int failures) {
        int doublings = Math.max(0, Math.min(20, failures));
        Duration backoff = retryBackoff.multipliedBy(1L << doublings);
        return backoff.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : backoff;
    }
}

package dev.ordersaga.observability;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the saga's own metrics. Tracing is configured with Spring Boot's standard properties
 * ({@code management.tracing.sampling.probability}, {@code management.otlp.tracing.endpoint}).
 *
 * @param stuckAfter an order in a non-final state whose last message is older than this counts as stuck
 *     ({@code order_saga_orders_stuck}); longer than a step's time-out, so that a stuck order is one the
 *     process itself does not move on
 * @param gaugeRefresh how often the orders in flight and stuck are counted in the projection (one
 *     Elasticsearch aggregation per refresh, on a thread of its own, never on the scrape)
 */
@ConfigurationProperties("order-saga.observability")
public record ObservabilityProperties(
        @DefaultValue("5m") Duration stuckAfter,
        @DefaultValue("30s") Duration gaugeRefresh) {

    public ObservabilityProperties {
        Objects.requireNonNull(stuckAfter, "order-saga.observability.stuck-after");
        Objects.requireNonNull(gaugeRefresh, "order-saga.observability.gauge-refresh");
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("order-saga.observability.stuck-after must be positive, not " + stuckAfter);
        }
        if (gaugeRefresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("order-saga.observability.gauge-refresh must be at least 1s, not " + gaugeRefresh);
        }
    }
}

package dev.ordersaga.tracking.projection;

import dev.ordersaga.tracking.OrderDocument;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code orderIndex}, part of the readiness group: DOWN until the orders index and its template
 * have been set up once, so that an instance takes traffic only when {@code GET /orders/...} can answer (before,
 * a query right after start answered 503 while the index was still being created). Once set up it stays UP: a
 * later Elasticsearch outage makes the queries answer 503 with {@code Retry-After} but does not take the instance
 * out of rotation, because orders are still accepted and run meanwhile. Without the saga on this instance (the
 * participants-only deployment) there is no index to wait for.
 */
@Component("orderIndex")
public class OrderIndexHealth extends AbstractHealthIndicator {

    private final ObjectProvider<OrderIndices> indices;

    public OrderIndexHealth(ObjectProvider<OrderIndices> indices) {
        super("Setting up the orders index failed");
        this.indices = indices;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        OrderIndices index = indices.getIfAvailable();
        if (index == null) {
            builder.up().withDetail("index", "none (no saga on this instance)");
            return;
        }
        if (!index.setUpOnce()) {
            index.setUp();
        }
        builder.up().withDetail("index", OrderDocument.INDEX);
    }
}

package dev.ordersaga.tracking.projection;

import dev.ordersaga.SagaReadiness;
import dev.ordersaga.tracking.OrderDocument;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code orderIndex}, part of the readiness group: DOWN until the orders index and its template
 * have been set up once, so that an instance takes traffic only when {@code GET /orders/...} can answer (before,
 * a query right after start answered 503 while the index was still being created). Once set up it stays UP: a
 * later Elasticsearch outage makes the queries answer 503 with {@code Retry-After} but does not take the instance
 * out of rotation, because orders are still accepted and run meanwhile. While the index cannot be set up (Elasticsearch
 * down at start) the first failed check logs a warning with its cause, the next ones only at DEBUG: a readiness probe
 * every few seconds would otherwise log a stack trace each time.
 */
@Component("orderIndex")
public class OrderIndexHealth extends SagaReadiness<OrderIndices> {

    private static final Logger log = LoggerFactory.getLogger(OrderIndexHealth.class);

    public OrderIndexHealth(ObjectProvider<OrderIndices> indices) {
        super(indices, "index", "Setting up the orders index failed");
    }

    private final AtomicBoolean warned = new AtomicBoolean();

    @Override
    protected void check(OrderIndices indices, Health.Builder builder) {
        if (!indices.setUpOnce()) {
            try {
                indices.setUp();
            } catch (IOException | RuntimeException e) {
                if (warned.compareAndSet(false, true)) {
                    log.warn("Not ready: the orders index cannot be set up yet (Elasticsearch unreachable?); checking again at each probe", e);
                } else {
                    log.debug("Not ready: the orders index cannot be set up yet", e);
                }
                builder.down(e).withDetail(detail(), OrderDocument.INDEX);
                return;
            }
        }
        builder.up().withDetail(detail(), OrderDocument.INDEX);
    }
}

package dev.ordersaga.tracking.projection;

import dev.ordersaga.SagaReadiness;
import dev.ordersaga.tracking.OrderDocument;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code orderIndex}, part of the readiness group: DOWN until the orders index and its template
 * have been set up once, so that an instance takes traffic only when {@code GET /orders/...} can answer (before,
 * a query right after start answered 503 while the index was still being created). Once set up it stays UP: a
 * later Elasticsearch outage makes the queries answer 503 with {@code Retry-After} but does not take the instance
 * out of rotation, because orders are still accepted and run meanwhile.
 */
@Component("orderIndex")
public class OrderIndexHealth extends SagaReadiness<OrderIndices> {

    public OrderIndexHealth(ObjectProvider<OrderIndices> indices) {
        super(indices, "index", "the orders index cannot be set up yet (Elasticsearch unreachable?)");
    }

    @Override
    protected void check(OrderIndices indices, Health.Builder builder) throws IOException {
        if (!indices.setUpOnce()) {
            indices.setUp();
        }
        builder.up().withDetail(detail(), OrderDocument.INDEX);
    }
}

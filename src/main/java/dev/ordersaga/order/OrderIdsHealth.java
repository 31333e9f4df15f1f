package dev.ordersaga.order;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code orderIds} (the bean name without its {@code HealthIndicator} suffix), part of the readiness
 * group: DOWN until the key order ids are signed with is known ({@link OrderIdKey}), so that an instance takes traffic
 * only when it can issue an order id and recognise one issued by any instance. Without the saga on this instance (the
 * participants-only deployment) there is no key to wait for.
 */
@Component("orderIdsHealthIndicator")
public class OrderIdsHealth extends AbstractHealthIndicator {

    private final ObjectProvider<OrderIds> ids;

    public OrderIdsHealth(ObjectProvider<OrderIds> ids) {
        super("Reading the key of order ids failed");
        this.ids = ids;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OrderIds orderIds = ids.getIfAvailable();
        if (orderIds == null) {
            builder.up().withDetail("key", "none (no saga on this instance)");
        } else if (orderIds.ready()) {
            builder.up();
        } else {
            builder.down().withDetail("key", "not read yet");
        }
    }
}

package dev.ordersaga.order;

import dev.ordersaga.SagaReadiness;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code orderIds} (the bean name without its {@code HealthIndicator} suffix), part of the readiness
 * group: DOWN until the key order ids are signed with is known ({@link OrderIdKey}), so that an instance takes traffic
 * only when it can issue an order id and recognise one issued by any instance.
 */
@Component("orderIdsHealthIndicator")
public class OrderIdsHealth extends SagaReadiness<OrderIds> {

    public OrderIdsHealth(ObjectProvider<OrderIds> ids) {
        super(ids, "key", "the key of order ids cannot be read");
    }

    @Override
    protected void check(OrderIds ids, Health.Builder builder) {
        if (ids.ready()) {
            builder.up();
        } else {
            builder.down().withDetail(detail(), "not read yet");
        }
    }
}

package dev.ordersaga.tracking;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.order.OrderState;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The projected orders, held in memory. Every instance projects every order from the topics on start,
 * so each can answer for any order; the projection is rebuilt from Kafka's retention on restart.
 */
@ConditionalOnSaga
@Component
public class OrderViews {

    private final ConcurrentHashMap<String, OrderRecord> orders = new ConcurrentHashMap<>();

    public void applyState(Envelope message, OrderState state) {
        orders.compute(message.orderId(), (id, record) -> {
            var r = record == null ? new OrderRecord(id) : record;
            r.applyState(message, state);
            return r;
        });
    }

    public void applyExchange(Envelope message, String kind, String step) {
        orders.compute(message.orderId(), (id, record) -> {
            var r = record == null ? new OrderRecord(id) : record;
            r.applyExchange(message, kind, step);
            return r;
        });
    }

    public Optional<OrderView> find(String orderId) {
        var view = new OrderView[1];
        orders.computeIfPresent(orderId, (id, record) -> {
            view[0] = record.view();
            return record;
        });
        return Optional.ofNullable(view[0]);
    }
}

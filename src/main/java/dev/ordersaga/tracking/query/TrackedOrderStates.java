package dev.ordersaga.tracking.query;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.order.OrderStates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The order feature's view of an order's state: the projection's document, read in real time. */
@ConditionalOnSaga
@Component
class TrackedOrderStates implements OrderStates {

    private final OrderReader orders;

    TrackedOrderStates(OrderReader orders) {
        this.orders = orders;
    }

    @Override
    public Optional<String> stateOf(String orderId) {
        try {
            return orders.find(orderId).map(OrderView::state);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read order " + orderId + " from Elasticsearch", e);
        }
    }
}

package dev.ordersaga.order;

import java.util.Optional;

/** The state an order is in now, as order tracking knows it; implemented by the tracking feature. */
public interface OrderStates {

    /**
     * @return the order's state, or empty if tracking does not know the order (yet)
     * @throws java.io.UncheckedIOException if tracking cannot be read
     */
    Optional<String> stateOf(String orderId);
}

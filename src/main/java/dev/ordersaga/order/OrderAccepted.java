package dev.ordersaga.order;

/**
 * What {@code POST /orders} answers: the order and the state it is in (a new order is {@code OrderCreated}; a repeated
 * {@code Idempotency-Key} answers its order as it is now).
 */
public record OrderAccepted(String orderId, String state) {

    /** A new order, whose saga just started. */
    static OrderAccepted created(String orderId) {
        return new OrderAccepted(orderId, OrderState.OrderCreated.name());
    }
}

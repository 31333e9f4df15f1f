package dev.ordersaga.order;

/**
 * The business states of an order, as the process publishes them, and {@link #CompensationFailed}: a
 * compensation used up its retries and waits in an incident for a person (the bridge's notice). States
 * only move forward, in the order they are declared here, and the two final states never replace each other.
 */
public enum OrderState {
    OrderCreated,
    InventoryChecked,
    PaymentProcessed,
    CompensationFailed,
    OrderShipped,
    OrderFailed;

    public boolean isFinal() {
        return this == OrderShipped || this == OrderFailed;
    }

    /** Whether an order in this state may move to {@code next}. */
    public boolean canMoveTo(OrderState next) {
        return !isFinal() && next.ordinal() > ordinal();
    }

    /** The state of this name, or null if it is not one. */
    public static OrderState parse(String name) {
        for (OrderState state : values()) {
            if (state.name().equals(name)) {
                return state;
            }
        }
        return null;
    }
}

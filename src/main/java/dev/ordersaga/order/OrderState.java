package dev.ordersaga.order;

/**
 * The business states of an order, as the process publishes them, and {@link #CompensationFailed}: a
 * compensation used up its retries and waits in an incident for a person (the bridge's notice). States
 * only move forward: {@link #rank()} orders them, and the two final states never replace each other.
 */
public enum OrderState {
    OrderCreated(0),
    InventoryChecked(1),
    PaymentProcessed(2),
    CompensationFailed(9),
    OrderShipped(10),
    OrderFailed(10);

    private final int rank;

    OrderState(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isFinal() {
        return rank >= 10;
    }

    /** Whether an order in this state may move to {@code next}. */
    public boolean canMoveTo(OrderState next) {
        return !isFinal() && next.rank > rank;
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

package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStateTest {

    @Test
    void statesOnlyMoveForward() {
        assertThat(OrderState.OrderCreated.canMoveTo(OrderState.InventoryChecked)).isTrue();
        assertThat(OrderState.InventoryChecked.canMoveTo(OrderState.OrderFailed)).isTrue();
        assertThat(OrderState.PaymentProcessed.canMoveTo(OrderState.InventoryChecked)).isFalse();
        assertThat(OrderState.PaymentProcessed.canMoveTo(OrderState.PaymentProcessed)).isFalse();
        assertThat(OrderState.PaymentProcessed.canMoveTo(OrderState.CompensationFailed)).isTrue();
        assertThat(OrderState.CompensationFailed.canMoveTo(OrderState.OrderFailed)).isTrue();
        assertThat(OrderState.CompensationFailed.canMoveTo(OrderState.PaymentProcessed)).isFalse();
    }

    @Test
    void finalStatesNeverChange() {
        for (OrderState next : OrderState.values()) {
            assertThat(OrderState.OrderShipped.canMoveTo(next)).isFalse();
            assertThat(OrderState.OrderFailed.canMoveTo(next)).isFalse();
        }
        assertThat(OrderState.OrderShipped.isFinal()).isTrue();
        assertThat(OrderState.PaymentProcessed.isFinal()).isFalse();
    }

    @Test
    void parsesOnlyKnownStates() {
        assertThat(OrderState.parse("OrderShipped")).isEqualTo(OrderState.OrderShipped);
        assertThat(OrderState.parse("Shipped")).isNull();
        assertThat(OrderState.parse(null)).isNull();
    }
}

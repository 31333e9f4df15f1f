package dev.ordersaga.tracking.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.order.OrderVariables;
import dev.ordersaga.tracking.OrderDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrittenOrdersTest {

    @Test
    void keepsTheMostRecentlyUsedOrdersUpToItsCapacity() {
        var written = new WrittenOrders(2);
        written.put("a", version("a", 1));
        written.put("b", version("b", 2));
        assertThat(written.get("a")).isPresent();
        written.put("c", version("c", 3));

        assertThat(written.get("b")).as("least recently used").isEmpty();
        assertThat(written.get("a")).map(WrittenOrders.Versioned::seqNo).contains(1L);
        assertThat(written.get("c")).map(WrittenOrders.Versioned::seqNo).contains(3L);
        assertThat(written.size()).isEqualTo(2);
    }

    @Test
    void aNewerVersionReplacesTheOlderAndForgottenOrdersAreGone() {
        var written = new WrittenOrders(10);
        written.put("a", version("a", 1));
        written.put("a", version("a", 5));
        written.put("b", version("b", 2));
        assertThat(written.get("a")).map(WrittenOrders.Versioned::seqNo).contains(5L);

        written.forget("a");
        assertThat(written.get("a")).isEmpty();
        written.clear();
        assertThat(written.get("b")).isEmpty();
        assertThat(written.size()).isZero();
    }

    @Test
    void capacityZeroRemembersNothingAndANegativeOneIsRefused() {
        var none = new WrittenOrders(0);
        none.put("a", version("a", 1));
        assertThat(none.get("a")).isEmpty();

        assertThatThrownBy(() -> new WrittenOrders(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    private static WrittenOrders.Versioned version(String orderId, long seqNo) {
        var variables = new OrderVariables(orderId, null, null, null, null, null, null, null, null, null);
        var order = new OrderDocument(variables, "OrderCreated", null, null, null, null, null, null, List.of(), List.of(), null);
        return new WrittenOrders.Versioned(order, seqNo, 1);
    }
}

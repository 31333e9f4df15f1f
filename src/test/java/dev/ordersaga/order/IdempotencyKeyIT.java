package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.observability.SagaTracing;
import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Scenario 2 of issue 13: an {@code Idempotency-Key} is bound to its customer and to its request. Another customer's
 * key never answers with someone else's order, the same key with another body is refused, and a true repeat answers
 * the order as it is now.
 */
@OrderSagaIntegrationTest
class IdempotencyKeyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate rest;

    @Test
    void theSameKeyFromAnotherCustomerStartsThatCustomersOwnOrder() {
        var api = new OrderApi(rest);
        var first = api.post(Orders.happy("idem-alice"), "checkout-1");
        var second = api.post(Orders.happy("idem-bob"), "checkout-1");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(second.getBody().get("orderId")).isNotEqualTo(first.getBody().get("orderId"));
        api.awaitOrder((String) second.getBody().get("orderId"), WAIT, order -> assertThat(order).containsEntry("customerId", "idem-bob"));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422() {
        var api = new OrderApi(rest);
        var first = api.post(Orders.order("idem-carol", "book-0001", 1, "12.50", "DE"), "checkout-2");
        var other = api.post(Orders.order("idem-carol", "book-0001", 3, "12.50", "DE"), "checkout-2");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(other.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((String) other.getBody().get("detail")).contains("Idempotency-Key");
        api.awaitOrder((String) first.getBody().get("orderId"), WAIT, order -> assertThat(order).containsEntry("state", "OrderShipped"));
        assertThat(api.post(Orders.order("idem-carol", "book-0001", 3, "12.50", "DE"), "checkout-2").getStatusCode())
                .as("still refused after the order completed").isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aTrueRepeatAnswersTheOrdersRealState(CapturedOutput output) {
        var api = new OrderApi(rest);
        var first = api.post(Orders.happy("idem-dave"), "checkout-3");
        String orderId = (String) first.getBody().get("orderId");
        api.awaitOrder(orderId, WAIT, order -> assertThat(order).containsEntry("state", "OrderShipped"));

        var repeat = api.post(Orders.happy("idem-dave"), "checkout-3");

        assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(repeat.getBody()).isEqualTo(Map.of("orderId", orderId, "state", "OrderShipped"));
        assertThat(output.getAll().lines().filter(line -> line.contains("Idempotency-Key repeated")))
                .as("the line about the repeat carries the order's trace id and id").singleElement()
                .satisfies(line -> assertThat(line).contains(SagaTracing.traceId(orderId)).contains("," + orderId + "]"));
    }
}

package dev.ordersaga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The order saga end to end: REST API, engine, bridge, broker and the reference participants, all real. */
@OrderSagaIntegrationTest
class OrderSagaIT {

    private static final Logger log = LoggerFactory.getLogger(OrderSagaIT.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    MeterRegistry registry;

    @Autowired
    TestRestTemplate rest;

    @Test
    void twentyConcurrentOrdersAllShipWithTheirFullHistory() {
        List<CompletableFuture<ResponseEntity<Map<String, Object>>>> posts = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> post(Orders.happy("e2e-customer-" + i), null)))
                .toList();
        List<String> orderIds = posts.stream().map(CompletableFuture::join).map(response -> {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(response.getBody()).containsEntry("state", "OrderCreated");
            String orderId = (String) response.getBody().get("orderId");
            assertThat(response.getHeaders().getLocation()).hasToString("/orders/" + orderId);
            return orderId;
        }).toList();
        assertThat(orderIds).doesNotHaveDuplicates();

        for (String orderId : orderIds) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, Object> order = get(orderId).getBody();
                assertThat(order).containsEntry("state", "OrderShipped");
                assertThat(types(order, "command")).containsExactly("ReserveInventory", "ChargePayment", "ScheduleShipment", "NotifyCustomer");
                assertThat(types(order, "event")).containsExactly("InventoryReserved", "PaymentCharged", "ShipmentScheduled", "CustomerNotified");
                assertThat(types(order, "state")).containsExactly("OrderCreated", "InventoryChecked", "PaymentProcessed", "OrderShipped");
            });
        }
        Map<String, Object> one = get(orderIds.getFirst()).getBody();
        assertThat(one).containsEntry("customerId", "e2e-customer-0").containsKey("processInstanceKey");
        @SuppressWarnings("unchecked")
        var history = (List<Map<String, Object>>) one.get("history");
        assertThat(history).allSatisfy(entry -> assertThat(entry).containsKeys("type", "time", "step"));
    }

    @Test
    void theSameIdempotencyKeyStartsOneSagaAndAnswersTheSameOrder() {
        var first = post(Orders.happy("idem-customer"), "checkout-4711");
        var second = post(Orders.happy("idem-customer"), "checkout-4711");
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        String orderId = (String) first.getBody().get("orderId");

        await().atMost(Duration.ofSeconds(60)).until(() -> "OrderShipped".equals(get(orderId).getBody().get("state")));
        var third = post(Orders.happy("idem-customer"), "checkout-4711");
        // The same order, as it is now.
        assertThat(third.getBody()).isEqualTo(Map.of("orderId", orderId, "state", "OrderShipped"));
        // One saga: one command of each kind, even after the order completed and the key came again. (OrderShipped is published
        // before the NotifyCustomer command that follows it, and the projection may write them in two batches: wait for both.)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> order = get(orderId).getBody();
            assertThat(types(order, "command")).containsExactly("ReserveInventory", "ChargePayment", "ScheduleShipment", "NotifyCustomer");
            assertThat(types(order, "state")).containsExactly("OrderCreated", "InventoryChecked", "PaymentProcessed", "OrderShipped");
        });
    }

    @Test
    void invalidOrdersAreRejectedWithProblemDetailsAndStartNothing() {
        double started = registry.get("order.saga.orders.started").counter().count();
        var response = rest.exchange("/orders", HttpMethod.POST,
                new HttpEntity<>("{\"customerId\":\"c\",\"items\":[{\"sku\":\"book-0001\",\"quantity\":2.5,\"unitPrice\":\"1\"}]}", jsonHeaders(null)), JSON);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("status", 400);
        assertThat(fields(response.getBody())).containsExactly("items[0].quantity");

        var malformed = rest.exchange("/orders", HttpMethod.POST, new HttpEntity<>("{\"customerId\": ", jsonHeaders(null)), JSON);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        var missing = rest.exchange("/orders", HttpMethod.POST,
                new HttpEntity<>(Map.of("items", List.of(Map.of("sku", "book-0001", "quantity", 1, "unitPrice", 3.999))), jsonHeaders(null)), JSON);
        assertThat(fields(missing.getBody())).containsExactlyInAnyOrder("customerId", "email", "items[0].unitPrice", "shippingAddress");
        assertThat(registry.get("order.saga.orders.started").counter().count()).as("no saga started").isEqualTo(started);

        var unknown = rest.exchange("/orders/no-such-order", HttpMethod.GET, null, JSON);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theLocationOfEvery202AnswersTheOrderAtOnceAndAnIdNeverIssuedIsUnknown() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int answeredBeforeProjected = 0;
        String orderId = null;
        for (int i = 0; i < 10; i++) {
            // Half without and half with an Idempotency-Key (whose order id is made by the key's record).
            var placed = post(Orders.happy("location-" + run + "-" + i), i % 2 == 0 ? null : "location-" + run + "-" + i);
            assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            var order = rest.exchange(placed.getHeaders().getLocation().toString(), HttpMethod.GET, null, JSON);
            assertThat(order.getStatusCode()).as("GET %s right after its 202", placed.getHeaders().getLocation()).isEqualTo(HttpStatus.OK);
            orderId = (String) placed.getBody().get("orderId");
            assertThat(order.getBody()).containsEntry("orderId", orderId).containsKey("state");
            if (Boolean.FALSE.equals(order.getBody().get("projected"))) {
                answeredBeforeProjected++;
                assertThat(order.getBody()).containsEntry("state", "OrderCreated").containsKey("traceId");
            }
        }
        log.info("LOCATION: {} of 10 orders were answered right after their 202 before the projection wrote them", answeredBeforeProjected);
        assertThat(answeredBeforeProjected).as("orders answered before the projection wrote them").isPositive();

        String issued = orderId;
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(get(issued).getBody().get("projected")));
        char last = issued.charAt(issued.length() - 1);
        String forged = issued.substring(0, issued.length() - 1) + (last == '0' ? '1' : '0');
        for (String neverIssued : List.of(forged, UUID.randomUUID().toString(), UUID.randomUUID() + issued.substring(36))) {
            var unknown = get(neverIssued);
            assertThat(unknown.getStatusCode()).as("GET /orders/%s", neverIssued).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void healthShowsTheEngineAndKafka() {
        var health = rest.exchange("/actuator/health", HttpMethod.GET, null, JSON);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        @SuppressWarnings("unchecked")
        var components = (Map<String, Map<String, Object>>) health.getBody().get("components");
        assertThat(components.get("camundaClient")).containsEntry("status", "UP");
        assertThat(components.get("kafka")).containsEntry("status", "UP");
    }

    private ResponseEntity<Map<String, Object>> post(Object body, String idempotencyKey) {
        return rest.exchange("/orders", HttpMethod.POST, new HttpEntity<>(body, jsonHeaders(idempotencyKey)), JSON);
    }

    private ResponseEntity<Map<String, Object>> get(String orderId) {
        return rest.exchange("/orders/" + orderId, HttpMethod.GET, null, JSON);
    }

    private static HttpHeaders jsonHeaders(String idempotencyKey) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return headers;
    }

    @SuppressWarnings("unchecked")
    static List<String> types(Map<String, Object> order, String kind) {
        return ((List<Map<String, Object>>) order.get("history")).stream()
                .filter(e -> kind.equals(e.get("kind")))
                .map(e -> (String) e.get("type"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(e -> (String) e.get("field")).toList();
    }
}

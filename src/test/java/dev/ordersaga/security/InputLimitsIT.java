package dev.ordersaga.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The limits on what a request may carry: the body size (413), the number of items of an order, the length
 * of every string field and of {@code Idempotency-Key} (400); each answered as problem+json naming the field.
 */
@OrderSagaIntegrationTest
class InputLimitsIT {

    private static final int MAX_BODY = 64 * 1024;

    @LocalServerPort
    private int port;
    @Autowired
    private ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrChunked() throws Exception {
        byte[] large = ("{\"customerId\": \"" + "x".repeat(MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);

        var declared = send(HttpRequest.BodyPublishers.ofByteArray(large), null);
        var chunked = send(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)), null);

        for (var response : List.of(declared, chunked)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            var problem = json.readTree(response.body());
            assertThat(problem.path("type").asText()).isEqualTo("https://ordersaga.dev/problems/payload-too-large");
            assertThat(fields(problem)).containsExactly("body");
        }

        byte[] justUnder = json.writeValueAsBytes(Orders.happy("limits-" + "y".repeat(50)));
        assertThat(send(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(justUnder)), null).statusCode())
                .as("a chunked body under the limit reaches the API").isEqualTo(202);
    }

    @Test
    void moreThan100ItemsIs400NamingItems() throws Exception {
        var order = mutable(Orders.happy("limits"));
        var items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            items.add(Map.of("sku", "book-0001", "quantity", 1, "unitPrice", "1.00"));
        }
        order.put("items", items);
        assertRejected(order, null, "items");
    }

    @Test
    void everyStringFieldOverItsLengthIs400NamingIt() throws Exception {
        assertRejected(with(o -> o.put("customerId", "c".repeat(101))), null, "customerId");
        assertRejected(with(o -> o.put("email", "a".repeat(250) + "@example.com")), null, "email");
        assertRejected(with(o -> o.put("items", List.of(Map.of("sku", "s".repeat(65), "quantity", 1, "unitPrice", "1.00")))), null,
                "items[0].sku");
        Map<String, Integer> addressLimits = Map.of("name", 200, "street", 200, "city", 100, "postalCode", 20);
        for (var limit : addressLimits.entrySet()) {
            assertRejected(with(o -> address(o).put(limit.getKey(), "a".repeat(limit.getValue() + 1))), null,
                    "shippingAddress." + limit.getKey());
        }
        assertRejected(with(o -> address(o).put("country", "DEU")), null, "shippingAddress.country");
    }

    @Test
    void anIdempotencyKeyOver200CharactersIs400NamingTheHeader() throws Exception {
        assertRejected(Orders.happy("limits"), "k".repeat(201), "Idempotency-Key");
        assertThat(send(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Orders.happy("limits"))), "k".repeat(200))
                .statusCode()).isEqualTo(202);
    }

    // ---------------------------------------------------------------------------------------------------

    private void assertRejected(Object order, String idempotencyKey, String field) throws Exception {
        var response = send(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(order)), idempotencyKey);
        assertThat(response.statusCode()).as(field).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).as(field).hasValue("application/problem+json");
        assertThat(fields(json.readTree(response.body()))).as(field).containsOnly(field);
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body, String idempotencyKey) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
                .header("Content-Type", "application/json")
                .POST(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fields(JsonNode problem) {
        var fields = new ArrayList<String>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private static Map<String, Object> with(Consumer<Map<String, Object>> change) {
        var order = mutable(Orders.happy("limits"));
        change.accept(order);
        return order;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> address(Map<String, Object> order) {
        var address = new HashMap<>((Map<String, Object>) order.get("shippingAddress"));
        order.put("shippingAddress", address);
        return address;
    }

    private static Map<String, Object> mutable(Map<String, Object> order) {
        return new HashMap<>(order);
    }
}

package dev.ordersaga.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The application's REST API as a test uses it: place orders, read them, wait for states, drive the participants. */
public final class OrderApi {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    public static final Set<String> FINAL = Set.of("OrderShipped", "OrderFailed");

    private final TestRestTemplate rest;

    public OrderApi(TestRestTemplate rest) {
        this.rest = rest;
    }

    public ResponseEntity<Map<String, Object>> post(Object body, String idempotencyKey) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return rest.exchange("/orders", HttpMethod.POST, new HttpEntity<>(body, headers), JSON);
    }

    /** Places an order and returns its id. */
    public String place(Object body) {
        var response = post(body, null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return (String) response.getBody().get("orderId");
    }

    public ResponseEntity<Map<String, Object>> get(String orderId) {
        return rest.exchange("/orders/" + orderId, HttpMethod.GET, null, JSON);
    }

    /** The order, once it is in one of these states. */
    public Map<String, Object> awaitState(String orderId, Duration atMost, String... states) {
        var wanted = Set.of(states);
        return await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> get(orderId), r -> r.getStatusCode() == HttpStatus.OK && wanted.contains(r.getBody().get("state")))
                .getBody();
    }

    /**
     * The order, once it satisfies the assertion. The projection is eventually consistent (a state change
     * can be projected before the commands and events that led to it), so assertions on an order's
     * history wait rather than read once.
     */
    public Map<String, Object> awaitOrder(String orderId, Duration atMost, java.util.function.Consumer<Map<String, Object>> assertion) {
        @SuppressWarnings("unchecked")
        Map<String, Object>[] last = new Map[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var response = get(orderId);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertion.accept(response.getBody());
            last[0] = response.getBody();
        });
        return last[0];
    }

    public Map<String, Object> awaitFinal(String orderId, Duration atMost) {
        return awaitState(orderId, atMost, FINAL.toArray(String[]::new));
    }

    /** The types of one kind of history entries ({@code command}, {@code event}, {@code state}), in time order. */
    @SuppressWarnings("unchecked")
    public static List<String> types(Map<String, Object> order, String kind) {
        return ((List<Map<String, Object>>) order.get("history")).stream()
                .filter(e -> kind.equals(e.get("kind")))
                .map(e -> (String) e.get("type"))
                .toList();
    }

    /** All history types in time order, commands and events, e.g. to check the order of compensations. */
    @SuppressWarnings("unchecked")
    public static List<String> exchange(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.get("history")).stream()
                .filter(e -> !"state".equals(e.get("kind")))
                .map(e -> (String) e.get("type"))
                .toList();
    }

    public void stopParticipant(String name) {
        assertThat(rest.postForEntity("/participants/" + name + "/stop", null, Map.class).getStatusCode().is2xxSuccessful()).isTrue();
    }

    public void startParticipant(String name) {
        assertThat(rest.postForEntity("/participants/" + name + "/start", null, Map.class).getStatusCode().is2xxSuccessful()).isTrue();
    }

    public void setFaults(String participant, Map<String, Object> faults) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var response = rest.exchange("/participants/" + participant + "/faults", HttpMethod.PUT, new HttpEntity<>(faults, headers), JSON);
        assertThat(response.getStatusCode().is2xxSuccessful()).as("faults of %s: %s", participant, response.getBody()).isTrue();
    }

    public void clearFaults(String participant) {
        rest.exchange("/participants/" + participant + "/faults", HttpMethod.DELETE, null, JSON);
    }
}

package dev.ordersaga.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.participants.ParticipantsDatabase;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The README's promises for an Elasticsearch that does not answer (here: nothing listens at its address): orders are
 * still accepted and run to the end (one with an Idempotency-Key answers 503: its key cannot be checked), the queries
 * answer 503 with {@code Retry-After}, the instance is alive, and it
 * is not ready, because it could never set the orders index up.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = {"spring.elasticsearch.uris=http://127.0.0.1:1", "spring.elasticsearch.connection-timeout=1s"})
class ElasticsearchDownIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate rest;

    ParticipantsDatabase db;

    @Autowired
    void participantsDatabase(ParticipantStore store) {
        db = new ParticipantsDatabase(store);
    }

    @Test
    void ordersStillRunTheQueriesAnswer503WithRetryAfterAndTheInstanceIsAliveButNotReady() {
        ResponseEntity<JsonNode> liveness = rest.getForEntity("/actuator/health/liveness", JsonNode.class);
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(liveness.getBody().path("status").asText()).isEqualTo("UP");
        ResponseEntity<JsonNode> readiness = rest.getForEntity("/actuator/health/readiness", JsonNode.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(readiness.getBody().at("/components/orderIndex/status").asText()).isEqualTo("DOWN");

        String orderId = new OrderApi(rest).place(Orders.happy("elasticsearch-down"));

        ResponseEntity<JsonNode> order = rest.getForEntity("/orders/{id}", JsonNode.class, orderId);
        assertThat(order.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(order.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(order.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        ResponseEntity<JsonNode> search = rest.getForEntity("/orders?customerId=elasticsearch-down", JsonNode.class);
        assertThat(search.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(search.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");

        // An order with an Idempotency-Key needs its key's record: a clear 503, nothing started, to be sent again later.
        var keyed = new OrderApi(rest).post(Orders.happy("elasticsearch-down-keyed"), "es-down-" + orderId);
        assertThat(keyed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(keyed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(keyed.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(keyed.getBody()).containsEntry("type", "https://ordersaga.dev/problems/idempotency-keys-unavailable").doesNotContainKey("orderId");

        // The saga does not need the projection: the customer hears that the order shipped.
        await().atMost(WAIT).untilAsserted(() -> assertThat(db.messages(orderId))
                .anySatisfy(mail -> assertThat(mail.kind().name()).isEqualTo("OrderShipped")));
    }
}

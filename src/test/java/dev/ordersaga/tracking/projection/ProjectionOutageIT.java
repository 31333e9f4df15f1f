package dev.ordersaga.tracking.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.embedded.EmbeddedElasticsearch;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import dev.ordersaga.support.TopicProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Elasticsearch goes away in the middle of a run of real orders (REST API, engine, bridge, participants)
 * and comes back: the sagas do not wait for it, the projection holds its offsets while it cannot write,
 * and afterwards every order is in the index with the final state its saga published and every message
 * of its saga in its history.
 */
@OrderSagaIntegrationTest
class ProjectionOutageIT {

    private static final Logger log = LoggerFactory.getLogger(ProjectionOutageIT.class);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Autowired TestRestTemplate rest;
    @Autowired EnvelopeCodec codec;
    @Autowired KafkaAdmin kafkaAdmin;
    @Autowired MessageClassifier classifier;
    @Autowired MessagingProperties messaging;
    @Autowired TrackingProperties tracking;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers;

    @Test
    void everyOrderEndsUpInTheIndexWithItsFinalStateAndFullHistoryAfterElasticsearchWasDown() throws Exception {
        EmbeddedElasticsearch node = EmbeddedElasticsearch.current()
                .orElseThrow(() -> new IllegalStateException("This test stops the embedded Elasticsearch; it needs the embedded default"));
        var api = new OrderApi(rest);
        String[] topics = classifier.topics();
        try (var probe = new TopicProbe(bootstrapServers, codec, topics)) {
            var orderIds = new ArrayList<String>();
            // A run of orders (every third one ships to a country that is not served, and fails) ...
            for (int i = 0; i < 6; i++) {
                orderIds.add(api.place(order(i)));
            }
            // ... during which Elasticsearch goes away.
            long stopping = System.nanoTime();
            node.stop();
            long stopMillis = millisSince(stopping);
            long placing = System.nanoTime();
            try {
                for (int i = 6; i < 18; i++) {
                    orderIds.add(api.place(order(i)));
                }
                long placeMillis = millisSince(placing);

                // The sagas do not wait for Elasticsearch: they all reach their final state meanwhile.
                await().atMost(Duration.ofSeconds(90)).until(() -> orderIds.stream().allMatch(id -> finalState(probe, id) != null));
                log.info("Elasticsearch stopped in {} ms; 12 orders placed in {} ms and all 18 sagas finished {} ms after the stop",
                        stopMillis, placeMillis, millisSince(stopping));

                // Tracking answers 503 meanwhile, and the projection holds its offsets: nothing is skipped.
                var unavailable = rest.getForEntity("/orders/{id}", String.class, orderIds.getFirst());
                assertThat(unavailable.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(unavailable.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                List<String> pending = uncommitted(probe, orderIds);
                log.info("Records of these orders not yet committed by the projection while Elasticsearch is down: {}", pending.size());
                assertThat(pending).isNotEmpty();
            } finally {
                node.start();
            }

            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String orderId : orderIds) {
                    var response = api.get(orderId);
                    assertThat(response.getStatusCode()).as("order %s", orderId).isEqualTo(HttpStatus.OK);
                    assertThat(response.getBody().get("state")).as("state of %s", orderId).isEqualTo(finalState(probe, orderId));
                    assertThat(historyIds(response.getBody())).as("history of %s", orderId).isEqualTo(messageIds(probe, orderId));
                }
            });
            log.info("All 18 orders projected with their full history {} ms after Elasticsearch was back", millisSince(restarted));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(uncommitted(probe, orderIds))
                    .as("records of these orders whose offsets the projection has not committed").isEmpty());

            var states = orderIds.stream().map(id -> finalState(probe, id)).collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            assertThat(states).containsEntry("OrderShipped", 12L).containsEntry("OrderFailed", 6L);
        }
    }

    private static Map<String, Object> order(int i) {
        return i % 3 == 2
                ? Orders.order("outage-" + RUN + "-" + i, "book-0001", 1, "12.50", "AQ")
                : Orders.happy("outage-" + RUN + "-" + i);
    }

    /** The final state the order's process published, or null while it runs. */
    private String finalState(TopicProbe probe, String orderId) {
        return probe.messages(messaging.orderStateTopic(), orderId).stream()
                .map(Envelope::type)
                .filter(OrderApi.FINAL::contains)
                .findFirst()
                .orElse(null);
    }

    /** The ids of every message of the order on every topic the saga writes to. */
    private Set<String> messageIds(TopicProbe probe, String orderId) {
        return probe.records(r -> orderId.equals(r.key())).stream()
                .map(ConsumerRecord::value)
                .map(codec::read)
                .map(Envelope::id)
                .collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> historyIds(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.get("history")).stream().map(e -> (String) e.get("id")).collect(Collectors.toSet());
    }

    /**
     * The records of these orders (topic-partition@offset) the projection's consumer group has not committed yet (other sagas of
     * the same JVM may still be writing to the topics, so the group's total lag is not the measure).
     */
    private List<String> uncommitted(TopicProbe probe, List<String> orderIds) throws Exception {
        var ours = Set.copyOf(orderIds);
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            committed = admin.listConsumerGroupOffsets(tracking.projectionGroup()).partitionsToOffsetAndMetadata().get();
        }
        return probe.records(r -> ours.contains(r.key())).stream()
                .filter(r -> {
                    OffsetAndMetadata done = committed.get(new TopicPartition(r.topic(), r.partition()));
                    return done == null || done.offset() <= r.offset();
                })
                .map(r -> r.topic() + "-" + r.partition() + "@" + r.offset()
                        + " (committed: " + committed.get(new TopicPartition(r.topic(), r.partition())) + ")")
                .toList();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}

package dev.ordersaga.tracking.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.messaging.DeadLetters;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.order.OrderState;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.TopicProbe;
import dev.ordersaga.support.UnitTestSettings;
import dev.ordersaga.tracking.OrderDocument;
import dev.ordersaga.tracking.projection.SagaMessages.Sent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.TestPropertySource;

/**
 * The projection and the query API against the real Elasticsearch node, Kafka broker and engine of the
 * embedded default. The saga's messages are published straight to its topics.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = {
        // The hand-built commands are not for the reference participants.
        "order-saga.participants.enabled=false",
        "order-saga.operate-url=https://operate.example.com/"})
class OrderTrackingIT {

    /** The tests hand batches to projectors themselves, back to back. */
    private static final ProjectionPace NO_PAUSE = new ProjectionPace(Duration.ZERO);

    private static final Duration PROJECTED = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Autowired TestRestTemplate rest;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired EnvelopeCodec codec;
    @Autowired ElasticsearchClient elasticsearch;
    @Autowired OrderWriter store;
    @Autowired MessageClassifier classifier;
    @Autowired OrderIndices indices;
    @Autowired TrackingProperties tracking;
    @Autowired SagaStepCatalog catalog;
    @Autowired MessagingProperties messaging;
    @Autowired DeadLetters deadLetters;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers;
    private long offsets;

    @Test
    void projectsAShippedOrderWithItsSnapshotStepsAndHistory() throws Exception {
        var order = new SagaMessages("shipped-" + RUN, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60));
        List<Sent> messages = order.shipped();
        SagaMessages.publish(kafka, codec, messages);

        JsonNode view = awaitOrder(order.orderId, v -> "OrderShipped".equals(v.path("state").asText()) && v.path("history").size() == 12);

        assertThat(view.get("orderId").asText()).isEqualTo(order.orderId);
        assertThat(view.get("customerId").asText()).isEqualTo(order.customerId);
        assertThat(view.get("email").asText()).isEqualTo(order.customerId + "@example.com");
        assertThat(view.get("items").get(0).get("sku").asText()).as("snapshot of OrderShipped").isEqualTo("SKU-OrderShipped");
        assertThat(view.get("total").asDouble()).isEqualTo(25.0);
        assertThat(view.get("currency").asText()).isEqualTo("EUR");
        assertThat(view.get("shippingAddress").get("city").asText()).isEqualTo("Berlin");
        assertThat(view.get("processInstanceKey").asLong()).isEqualTo(order.processInstanceKey);
        assertThat(view.has("failureReason")).isFalse();
        assertThat(view.get("operateUrl").asText()).isEqualTo("https://operate.example.com/processes/" + order.processInstanceKey);
        assertThat(Instant.parse(view.get("createdAt").asText())).isEqualTo(order.start);
        assertThat(Instant.parse(view.get("updatedAt").asText())).isEqualTo(order.start.plusMillis(1100));
        assertThat(fieldNames(view.get("steps"))).containsExactly("Reserve inventory", "Charge payment", "Schedule shipment", "Notify customer");
        assertThat(view.get("steps").get("Schedule shipment").asText()).isEqualTo("ShipmentScheduled");
        assertThat(view.get("steps").get("Notify customer").asText()).isEqualTo("CustomerNotified");

        List<JsonNode> history = list(view.get("history"));
        assertThat(history).extracting(h -> h.get("id").asText())
                .containsExactlyElementsOf(messages.stream().map(s -> s.envelope().id()).toList());
        assertThat(history).extracting(h -> h.get("type").asText()).containsExactly(
                "OrderCreated", "ReserveInventory", "InventoryReserved", "InventoryChecked", "ChargePayment", "PaymentCharged",
                "PaymentProcessed", "ScheduleShipment", "ShipmentScheduled", "OrderShipped", "NotifyCustomer", "CustomerNotified");
        assertThat(history.get(0).get("kind").asText()).isEqualTo("state");
        assertThat(history.get(0).get("step").asText()).isEqualTo("order");
        assertThat(history.get(1).get("kind").asText()).isEqualTo("command");
        assertThat(history.get(1).get("step").asText()).isEqualTo("Reserve inventory");
        assertThat(history.get(2).get("step").asText()).as("the reply echoes its step").isEqualTo("Reserve inventory");
        assertThat(history.get(2).get("kind").asText()).isEqualTo("event");
        assertThat(history.get(2).get("commandId").asText()).isEqualTo(history.get(1).get("commandId").asText());
        assertThat(history.get(2).get("source").asText()).isEqualTo("inventory");
    }

    @Test
    void aMalformedRecordOnTheOrderStateTopicIsParkedOnTheDeadLetterTopicAndTheOrdersAroundItAreProjected() throws Exception {
        var before = new SagaMessages("around-malformed-a-" + RUN, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60));
        var after = new SagaMessages("around-malformed-b-" + RUN, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60));
        String garbage = "{ not an order state " + RUN;
        try (var probe = new TopicProbe(bootstrapServers, codec, messaging.deadLetterTopic())) {
            SagaMessages.publish(kafka, codec, before.shipped().subList(0, 1));
            kafka.send(messaging.orderStateTopic(), before.orderId, garbage).get(10, TimeUnit.SECONDS);
            SagaMessages.publish(kafka, codec, after.shipped().subList(0, 1));

            awaitOrder(before.orderId, v -> "OrderCreated".equals(v.path("state").asText()));
            awaitOrder(after.orderId, v -> "OrderCreated".equals(v.path("state").asText()));
            await().atMost(PROJECTED).untilAsserted(() -> assertThat(probe.records(r -> garbage.equals(r.value()))).singleElement()
                    .satisfies(parked -> {
                        assertThat(parked.key()).isEqualTo(before.orderId);
                        assertThat(KafkaMessaging.header(parked, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(messaging.orderStateTopic());
                        assertThat(KafkaMessaging.header(parked, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("Not an order state message");
                    }));
        }
    }

    @Test
    void aFailedOrderShowsItsReasonAndTheCompensation() {
        var order = new SagaMessages("failed-" + RUN, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60));
        var messages = new ArrayList<>(order.paymentDeclined());
        messages.add(order.incident("NotifyCustomer", "notification unreachable"));
        SagaMessages.publish(kafka, codec, messages);

        JsonNode view = awaitOrder(order.orderId, v -> "OrderFailed".equals(v.path("state").asText()) && v.path("history").size() == 12);

        assertThat(view.get("failureReason").get("event").asText()).isEqualTo("PaymentKO");
        assertThat(view.get("failureReason").get("message").asText()).isEqualTo("card declined");
        assertThat(view.get("steps").get("Charge payment").asText()).isEqualTo("PaymentKO");
        assertThat(view.get("steps").get("Reserve inventory").asText()).isEqualTo("InventoryReserved");
        assertThat(view.get("steps").get("Release inventory").asText()).as("a compensation is a step of its own").isEqualTo("InventoryReleased");
        assertThat(list(view.get("history"))).filteredOn(h -> h.get("type").asText().equals("PaymentKO")).singleElement()
                .satisfies(h -> assertThat(h.get("detail").asText()).isEqualTo("card declined"));
        JsonNode notice = list(view.get("history")).getLast();
        assertThat(notice.get("kind").asText()).isEqualTo("notice");
        assertThat(notice.get("type").asText()).isEqualTo("StepIncident");
        assertThat(notice.get("detail").asText()).isEqualTo("notification unreachable");
        assertThat(view.get("state").asText()).as("a notice changes no state").isEqualTo("OrderFailed");
    }

    @Test
    void duplicatesAndReorderedMessagesChangeNothingAndStatesNeverMoveBack() {
        var order = new SagaMessages("dup-" + RUN, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60));
        List<Sent> messages = order.shipped();
        var jumbled = new ArrayList<Sent>(messages);
        jumbled.addAll(messages);
        jumbled.addAll(messages.subList(0, 5));
        Collections.shuffle(jumbled, new Random(7));
        SagaMessages.publish(kafka, codec, jumbled);

        JsonNode view = awaitOrder(order.orderId, v -> "OrderShipped".equals(v.path("state").asText()) && v.path("history").size() == 12);
        assertThat(list(view.get("history"))).extracting(h -> h.get("id").asText()).doesNotHaveDuplicates();
        assertThat(view.get("items").get(0).get("sku").asText()).isEqualTo("SKU-OrderShipped");

        // A stale state change arriving late (e.g. a re-published PaymentProcessed) joins the history but moves nothing back.
        Sent stale = order.restate(OrderState.PaymentProcessed, order.start.plusSeconds(2));
        SagaMessages.publish(kafka, codec, List.of(stale));

        JsonNode after = awaitOrder(order.orderId, v -> v.path("history").size() == 13);
        assertThat(after.get("state").asText()).isEqualTo("OrderShipped");
        assertThat(after.get("items").get(0).get("sku").asText()).isEqualTo("SKU-OrderShipped");
        assertThat(Instant.parse(after.get("updatedAt").asText())).isEqualTo(order.start.plusSeconds(2));
    }

    @Test
    void twoInstancesProjectingOneOrderInTurnLoseNothing() {
        // Each instance remembers the order as it wrote it last; here that memory is stale at every batch.
        var here = new OrderProjector(store, classifier, NO_PAUSE,
                UnitTestSettings.projectionMetrics(), deadLetters);
        var there = new OrderProjector(new OrderWriter(elasticsearch, indices, tracking), classifier, NO_PAUSE,
                UnitTestSettings.projectionMetrics(), deadLetters);
        var order = new SagaMessages("turns-" + RUN, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60));
        List<Sent> messages = order.shipped();
        for (int from = 0; from < messages.size(); from += 3) {
            (from % 6 == 0 ? here : there).onBatch(records(messages.subList(from, from + 3)), idle());
        }

        JsonNode view = get("/orders/" + order.orderId);
        assertThat(view.get("state").asText()).isEqualTo("OrderShipped");
        assertThat(list(view.get("history"))).extracting(h -> h.get("id").asText())
                .containsExactlyInAnyOrderElementsOf(messages.stream().map(m -> m.envelope().id()).toList());
        assertThat(fieldNames(view.get("steps"))).containsExactlyInAnyOrder("Reserve inventory", "Charge payment", "Schedule shipment", "Notify customer");

        // An order deleted behind an instance's back is written again, from what that instance is given.
        Sent late = order.restate(OrderState.PaymentProcessed, order.start.plusSeconds(2));
        deleteOrderDocument(order.orderId);
        there.onBatch(records(List.of(late)), idle());
        assertThat(list(get("/orders/" + order.orderId).get("history"))).extracting(h -> h.get("id").asText())
                .containsExactly(late.envelope().id());
    }

    private List<ConsumerRecord<String, String>> records(List<Sent> messages) {
        var records = new ArrayList<ConsumerRecord<String, String>>();
        for (Sent sent : messages) {
            var record = new ConsumerRecord<>(sent.topic(), 0, offsets++, sent.envelope().orderId(), codec.write(sent.envelope()));
            sent.record(codec).headers().forEach(record.headers()::add);
            records.add(record);
        }
        return records;
    }

    private void deleteOrderDocument(String orderId) {
        try {
            assertThat(elasticsearch.delete(d -> d.index(OrderDocument.ALIAS).id(orderId)).result().jsonValue()).isEqualTo("deleted");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anUnknownOrderIsA404Problem() {
        ResponseEntity<JsonNode> response = rest.getForEntity("/orders/{id}", JsonNode.class, "no-such-order");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("title").asText()).isEqualTo("Order not found");
    }

    @Test
    void searchesByStateCustomerCreationTimeAndStuckPagedAndSortedAndCountsPerState() {
        String customer = "search-" + RUN;
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(3));
        var a = new SagaMessages(customer, base);
        var b = new SagaMessages(customer, base.plus(Duration.ofHours(1)));
        var c = new SagaMessages(customer, base.plus(Duration.ofHours(2)));
        var d = new SagaMessages(customer, base.plus(Duration.ofHours(3)));
        var fresh = new SagaMessages(customer, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        var other = new SagaMessages("other-" + RUN, base.plus(Duration.ofHours(1)).plusSeconds(1));
        var all = new ArrayList<Sent>();
        all.addAll(a.shipped());
        all.addAll(b.paymentDeclined());
        all.addAll(c.created());
        all.add(c.incident("ReserveInventory", "inventory unreachable"));
        all.addAll(d.shipped());
        all.addAll(fresh.created());
        all.addAll(other.created());
        SagaMessages.publish(kafka, codec, all);

        // Every order's last message projected before anything is searched (they may come in several batches).
        awaitOrder(a.orderId, v -> "OrderShipped".equals(v.path("state").asText()) && v.path("history").size() == 12);
        awaitOrder(b.orderId, v -> "OrderFailed".equals(v.path("state").asText()) && v.path("history").size() == 11);
        awaitOrder(c.orderId, v -> v.hasNonNull("incident") && v.path("history").size() == 3);
        awaitOrder(d.orderId, v -> "OrderShipped".equals(v.path("state").asText()) && v.path("history").size() == 12);
        awaitOrder(fresh.orderId, v -> v.path("history").size() == 2);
        awaitOrder(other.orderId, v -> v.path("history").size() == 2);

        JsonNode page = search("customerId=" + customer);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(20);
        assertThat(ids(page)).as("newest first by default").containsExactly(fresh.orderId, d.orderId, c.orderId, b.orderId, a.orderId);
        JsonNode summary = page.get("orders").get(1);
        assertThat(summary.get("state").asText()).isEqualTo("OrderShipped");
        assertThat(summary.get("customerId").asText()).isEqualTo(customer);
        assertThat(summary.get("total").asDouble()).isEqualTo(25.0);
        assertThat(summary.get("processInstanceKey").asLong()).isEqualTo(d.processInstanceKey);
        assertThat(summary.get("operateUrl").asText()).isEqualTo("https://operate.example.com/processes/" + d.processInstanceKey);
        assertThat(summary.has("history")).isFalse();

        assertThat(ids(search("customerId=" + customer + "&state=OrderShipped"))).containsExactly(d.orderId, a.orderId);
        assertThat(ids(search("customerId=" + customer + "&state=OrderFailed"))).containsExactly(b.orderId);
        assertThat(ids(search("customerId=" + customer + "&createdFrom=" + base.plus(Duration.ofMinutes(30))
                + "&createdTo=" + base.plus(Duration.ofMinutes(150)) + "&sort=createdAt,asc"))).containsExactly(b.orderId, c.orderId);
        assertThat(ids(search("createdFrom=" + base.plus(Duration.ofMinutes(30)) + "&createdTo=" + base.plus(Duration.ofMinutes(90)))))
                .as("without the customer filter").contains(b.orderId, other.orderId).doesNotContain(a.orderId, c.orderId);
        assertThat(ids(search("customerId=" + customer + "&createdFrom=" + base.plus(Duration.ofHours(1))))).as("createdFrom is inclusive")
                .containsExactly(fresh.orderId, d.orderId, c.orderId, b.orderId);

        JsonNode second = search("customerId=" + customer + "&sort=createdAt,asc&size=2&page=1");
        assertThat(second.get("total").asLong()).isEqualTo(5);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(2);
        assertThat(ids(second)).containsExactly(c.orderId, d.orderId);
        assertThat(ids(search("customerId=" + customer + "&sort=updatedAt,desc&size=1"))).containsExactly(fresh.orderId);

        // Stuck: not shipped or failed, and nothing happened for an hour.
        assertThat(ids(search("customerId=" + customer + "&stuckFor=PT1H"))).containsExactly(c.orderId);
        assertThat(ids(search("customerId=" + customer + "&stuckFor=P4D"))).isEmpty();

        JsonNode stats = get("/orders/stats?customerId=" + customer);
        assertThat(stats.get("total").asLong()).isEqualTo(5);
        assertThat(stats.get("byState").get("OrderCreated").asLong()).isEqualTo(2);
        assertThat(stats.get("byState").get("InventoryChecked").asLong()).isZero();
        assertThat(stats.get("byState").get("PaymentProcessed").asLong()).isZero();
        assertThat(stats.get("byState").get("OrderShipped").asLong()).isEqualTo(2);
        assertThat(stats.get("byState").get("OrderFailed").asLong()).isEqualTo(1);
        assertThat(stats.get("withoutState").asLong()).isZero();
        assertThat(stats.get("withIncident").asLong()).as("c waits in an incident").isEqualTo(1);
        assertThat(get("/orders/stats?customerId=" + customer + "&stuckFor=PT1H").get("byState").get("OrderCreated").asLong()).isEqualTo(1);
        assertThat(get("/orders/stats").get("total").asLong()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void readinessWaitsForTheOrdersIndexAndStaysUpOnceItIsSetUp() throws IOException {
        ResponseEntity<JsonNode> readiness = rest.getForEntity("/actuator/health/readiness", JsonNode.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody().at("/components/orderIndex/status").asText()).isEqualTo("UP");

        try (RestClient unreachable = RestClient.builder(HttpHost.create("http://127.0.0.1:1")).build()) {
            var notSetUp = new OrderIndices(new ElasticsearchClient(new RestClientTransport(unreachable, new JacksonJsonpMapper())));
            assertThat(new OrderIndexHealth(provider(notSetUp)).health().getStatus()).as("index never set up").isEqualTo(Status.DOWN);
        }
        var fresh = new OrderIndices(elasticsearch);
        var health = new OrderIndexHealth(provider(fresh));
        assertThat(health.health().getStatus()).as("the check sets the index up").isEqualTo(Status.UP);
        assertThat(fresh.setUpOnce()).isTrue();
        fresh.invalidate();
        assertThat(health.health().getStatus()).as("a failed write later does not make the instance unready").isEqualTo(Status.UP);
    }

    private static ObjectProvider<OrderIndices> provider(OrderIndices indices) {
        return new StaticListableBeanFactory(Map.of("orderIndices", indices)).getBeanProvider(OrderIndices.class);
    }

    @Test
    void badParametersAreA400ProblemNamingEach() {
        ResponseEntity<JsonNode> response = rest.getForEntity("/orders?state=Lost&size=500&sort=colour&createdFrom=today", JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(list(response.getBody().get("errors"))).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("state", "size", "sort", "createdFrom");

        ResponseEntity<JsonNode> stats = rest.getForEntity("/orders/stats?stuckFor=soon&page=2", JsonNode.class);
        assertThat(stats.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(list(stats.getBody().get("errors"))).extracting(e -> e.get("field").asText()).containsExactlyInAnyOrder("stuckFor", "page");
    }

    @Test
    void theOrdersAliasPointsAtTheCurrentLayoutAsItsWriteIndexWithAStrictMapping() throws Exception {
        await().atMost(PROJECTED).until(() -> elasticsearch.indices().existsAlias(a -> a.name(OrderDocument.ALIAS)).value());
        var orders = elasticsearch.indices().get(g -> g.index(OrderDocument.ALIAS)).result();
        assertThat(orders).containsOnlyKeys(OrderDocument.INDEX);
        assertThat(orders.get(OrderDocument.INDEX).mappings().dynamic()).isEqualTo(DynamicMapping.Strict);
        assertThat(orders.get(OrderDocument.INDEX).mappings().properties()).containsKeys("orderId", "state", "customerId", "items", "total",
                "failureReason", "processInstanceKey", "steps", "createdAt", "updatedAt", "history", "elements");
        assertThat(orders.get(OrderDocument.INDEX).aliases().get(OrderDocument.ALIAS).isWriteIndex()).isTrue();

        assertThatThrownBy(() -> elasticsearch.index(i -> i.index(OrderDocument.ALIAS).id("strict-" + RUN).document(Map.of("orderId", "x", "surprise", 1))))
                .isInstanceOf(ElasticsearchException.class)
                .hasMessageContaining("strict_dynamic_mapping_exception");
    }

    /**
     * A new layout rolled out over an old one: the alias stays on the old index while the new projection
     * builds its own index, and moves, in one request and with its write index, only once that projection has
     * caught up. Meanwhile an old instance writing through the alias is refused by the strict mapping (and
     * retries), never mixing its layout into the new index.
     */
    @Test
    void aNewLayoutTakesTheAliasOnlyOnceItsProjectionHasCaughtUp() throws Exception {
        String old = "orders-v1-it-" + RUN;
        elasticsearch.indices().create(c -> c.index(old).mappings(m -> m.dynamic(DynamicMapping.Strict)
                .properties("orderId", p -> p.keyword(k -> k)).properties("messageIds", p -> p.keyword(k -> k))));
        try {
            elasticsearch.indices().updateAliases(u -> u
                    .actions(a -> a.remove(r -> r.index(OrderDocument.INDEX).alias(OrderDocument.ALIAS)))
                    .actions(a -> a.add(add -> add.index(old).alias(OrderDocument.ALIAS).isWriteIndex(true))));
            var rollingIn = new OrderIndices(elasticsearch);
            rollingIn.setUp();
            assertThat(rollingIn.aliasHere()).isFalse();
            assertThat(aliased()).containsExactly(old);

            var projector = new OrderProjector(new OrderWriter(elasticsearch, rollingIn, tracking), classifier, NO_PAUSE,
                    UnitTestSettings.projectionMetrics(), deadLetters);
            var order = new SagaMessages("rolling-" + RUN, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60));
            var partition = new TopicPartition(messaging.orderStateTopic(), 0);
            var behind = new MockConsumer<String, String>(OffsetResetStrategy.EARLIEST);
            behind.assign(List.of(partition));
            behind.updateEndOffsets(Map.of(partition, 5L));
            behind.seek(partition, 2);
            projector.onBatch(records(order.shipped().subList(0, 1)), behind);
            assertThat(aliased()).as("still catching up").containsExactly(old);
            assertThat(elasticsearch.index(i -> i.index(OrderDocument.ALIAS).id(order.orderId)
                    .document(Map.of("orderId", order.orderId, "messageIds", List.of("m")))).index())
                    .as("an old instance's write through the alias still lands in the old index")
                    .isEqualTo(old);

            behind.seek(partition, 5);
            projector.onBatch(records(order.shipped().subList(1, 2)), behind);
            assertThat(rollingIn.aliasHere()).isTrue();
            var now = elasticsearch.indices().getAlias(a -> a.name(OrderDocument.ALIAS)).result();
            assertThat(now).containsOnlyKeys(OrderDocument.INDEX);
            assertThat(now.get(OrderDocument.INDEX).aliases().get(OrderDocument.ALIAS).isWriteIndex()).isTrue();
            assertThatThrownBy(() -> elasticsearch.index(i -> i.index(OrderDocument.ALIAS).id("old-" + RUN)
                    .document(Map.of("orderId", "old-" + RUN, "messageIds", List.of("m")))))
                    .as("an old instance's document is refused by the new layout")
                    .isInstanceOf(ElasticsearchException.class)
                    .hasMessageContaining("strict_dynamic_mapping_exception");
        } finally {
            elasticsearch.indices().delete(d -> d.index(old));
            elasticsearch.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(OrderDocument.INDEX).alias(OrderDocument.ALIAS)
                    .isWriteIndex(true))));
        }
    }

    private java.util.Set<String> aliased() throws Exception {
        return elasticsearch.indices().getAlias(a -> a.name(OrderDocument.ALIAS)).result().keySet();
    }

    /** A consumer with no partitions: never caught up, so the alias stays where it is. */
    private static MockConsumer<String, String> idle() {
        return new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    }

    @Test
    void messagesArrivingOneByOneAreWrittenInAFewLargeBulkRequests() throws Exception {
        // 10 orders, their 120 messages one every 25 ms: 3 s of a steady trickle, as a running saga writes them.
        var orders = new ArrayList<SagaMessages>();
        for (int i = 0; i < 10; i++) {
            orders.add(new SagaMessages("trickle-" + i + "-" + RUN, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60)));
        }
        List<List<Sent>> messages = orders.stream().map(SagaMessages::shipped).toList();
        long bulksBefore = bulkRequests();
        for (int step = 0; step < messages.getFirst().size(); step++) {
            for (List<Sent> ofOrder : messages) {
                SagaMessages.publish(kafka, codec, List.of(ofOrder.get(step)));
                Thread.sleep(25);
            }
        }
        for (SagaMessages order : orders) {
            awaitOrder(order.orderId, v -> "OrderShipped".equals(v.path("state").asText()) && v.path("history").size() == 12);
        }

        // Paced batch-wait (1 s) apart, about four batches; a bulk request per message or two would be 60 to 120.
        assertThat(tracking.batchWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(bulkRequests() - bulksBefore).isBetween(1L, 12L);
    }

    private long bulkRequests() throws IOException {
        var stats = elasticsearch.indices().stats(s -> s.index(OrderDocument.INDEX).metric("bulk"));
        return stats.indices().get(OrderDocument.INDEX).primaries().bulk().totalOperations();
    }

    @Test
    void healthIncludesElasticsearch() {
        JsonNode health = get("/actuator/health");
        assertThat(health.get("components").get("elasticsearch").get("status").asText()).isEqualTo("UP");
    }

    private JsonNode awaitOrder(String orderId, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(PROJECTED).pollInterval(Duration.ofMillis(200)).until(() -> {
            ResponseEntity<JsonNode> response = rest.getForEntity("/orders/{id}", JsonNode.class, orderId);
            return response.getStatusCode() == HttpStatus.OK ? response.getBody() : null;
        }, view -> view != null && condition.test(view));
    }

    private JsonNode search(String query) {
        return get("/orders?" + query);
    }

    private JsonNode get(String path) {
        ResponseEntity<JsonNode> response = rest.getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode()).as("GET %s: %s", path, response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static List<String> ids(JsonNode page) {
        return list(page.get("orders")).stream().map(o -> o.get("orderId").asText()).toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> fieldNames(JsonNode object) {
        var names = new ArrayList<String>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

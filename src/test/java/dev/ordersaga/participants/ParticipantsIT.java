package dev.ordersaga.participants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.messaging.TraceContext;
import dev.ordersaga.participants.support.store.ParticipantStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.TestPropertySource;

/**
 * The participants in the running application, with a real broker and engine: commands are sent
 * straight to {@code inventory-commands} as the bridge would send them, and the replies read from
 * {@code inventory-events}. The command ids are small numbers no real job has, so the bridge of the same
 * application logs that no job waits for them and moves on.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.admin.enabled=true")
class ParticipantsIT {

    private static final AtomicLong COMMAND_IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1_000_000_000L));
    private static final String SKU = "book-0042";
    private static final String COMMAND_TOPIC = "inventory-commands";
    private static final String EVENT_TOPIC = "inventory-events";

    @Autowired
    private KafkaTemplate<String, String> kafka;
    @Autowired
    private EnvelopeCodec codec;
    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private Environment environment;
    @Autowired
    private MessagingProperties messaging;

    ParticipantsDatabase db;

    @Autowired
    void participantsDatabase(ParticipantStore store) {
        db = new ParticipantsDatabase(store);
    }

    private KafkaConsumer<String, String> events;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    @BeforeEach
    void subscribeToEvents() {
        events = consumer(EVENT_TOPIC);
    }

    @AfterEach
    void closeConsumer() {
        events.close(Duration.ofSeconds(5));
    }

    @Test
    void repliesOnceWithEchoedHeadersAndResendsTheSameReplyForTheSameCommand() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String commandId = nextCommandId();
        String traceparent = TraceContext.forOrder(orderId);
        int before = db.available(SKU);

        send(reserve(orderId, commandId, 3), traceparent);
        ConsumerRecord<String, String> reply = awaitReply(commandId, 1);

        Envelope event = codec.read(reply.value());
        assertThat(reply.key()).isEqualTo(orderId);
        assertThat(event.type()).isEqualTo("InventoryReserved");
        assertThat(event.orderId()).isEqualTo(orderId);
        assertThat(event.commandId()).isEqualTo(commandId);
        assertThat(event.source()).isEqualTo("inventory");
        assertThat(event.payload().path("reservationId").asText()).startsWith("RES-");
        assertThat(KafkaMessaging.header(reply, MessageHeaders.COMMAND_ID)).isEqualTo(commandId);
        assertThat(KafkaMessaging.header(reply, MessageHeaders.JOB_RETRIES)).isEqualTo("3");
        assertThat(KafkaMessaging.header(reply, MessageHeaders.MESSAGE_TYPE)).isEqualTo("InventoryReserved");
        assertThat(KafkaMessaging.header(reply, "order-saga-test-marker")).isEqualTo("echo me");
        assertThat(reply.headers().lastHeader("x-not-echoed")).isNull();
        String replyTrace = KafkaMessaging.header(reply, MessageHeaders.TRACEPARENT);
        assertThat(replyTrace).isNotEqualTo(traceparent);
        assertThat(replyTrace.substring(0, 36)).isEqualTo(traceparent.substring(0, 36));
        assertThat(db.available(SKU)).isEqualTo(before - 3);

        send(reserve(orderId, commandId, 3), traceparent);
        ConsumerRecord<String, String> again = awaitReply(commandId, 2);

        assertThat(codec.read(again.value()).id()).isEqualTo(event.id());
        assertThat(codec.read(again.value()).payload()).isEqualTo(event.payload());
        assertThat(db.available(SKU)).isEqualTo(before - 3);
        assertThat(db.reservedUnits(orderId)).isEqualTo(3);
    }

    @Test
    void parksWhatCanNeverBeProcessedOnTheDeadLetterTopic() throws Exception {
        try (KafkaConsumer<String, String> deadLetters = consumer(messaging.deadLetterTopic())) {
            String orderId = UUID.randomUUID().toString();
            String garbage = "this is not an envelope " + UUID.randomUUID();
            Envelope teleport = new Envelope(Envelope.SCHEMA_VERSION, UUID.randomUUID().toString(), "Teleport", orderId, "cmd-0", "test",
                    Instant.now(), null);

            kafka.send(COMMAND_TOPIC, orderId, garbage).get(10, TimeUnit.SECONDS);
            kafka.send(COMMAND_TOPIC, orderId, codec.write(teleport)).get(10, TimeUnit.SECONDS);

            // Other consumers of the command topic (e.g. the order tracker) may park the same records: keep the participant's.
            Predicate<ConsumerRecord<String, String>> parkedByInventory = record -> orderId.equals(record.key())
                    && "inventory-participant".equals(KafkaMessaging.header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP));
            var parked = new ArrayList<ConsumerRecord<String, String>>();
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(parked::add);
                events.poll(Duration.ZERO).forEach(received::add);
                return parked.stream().filter(parkedByInventory).count() >= 2;
            });
            // A reply would have been sent before its command was parked: what the event topic holds by now is all there is.
            events.poll(Duration.ofMillis(500)).forEach(received::add);
            List<ConsumerRecord<String, String>> ours = parked.stream().filter(parkedByInventory).toList();
            assertThat(ours).extracting(ConsumerRecord::value).containsExactly(garbage, codec.write(teleport));
            for (ConsumerRecord<String, String> record : ours) {
                assertThat(KafkaMessaging.header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(COMMAND_TOPIC);
                assertThat(headerValues(record)).anyMatch(value -> value.contains("MalformedMessageException"));
            }
            assertThat(received).as("replies to the malformed commands' order").noneMatch(record -> orderId.equals(record.key()));
        }
    }

    @Test
    void aStoppedParticipantConsumesNothingUntilItIsStartedAgain() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String commandId = nextCommandId();
        try {
            ResponseEntity<String> stopped = rest.postForEntity("/participants/inventory/stop", null, String.class);
            assertThat(stopped.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(json(stopped).path("running").asBoolean(true)).isFalse();

            send(reserve(orderId, commandId, 1), TraceContext.forOrder(orderId));
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                events.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            assertThat(received).noneMatch(isReplyTo(commandId));
            assertThat(db.reservedUnits(orderId)).isZero();
        } finally {
            ResponseEntity<String> started = rest.postForEntity("/participants/inventory/start", null, String.class);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(json(started).path("running").asBoolean(false)).isTrue();
        }

        ConsumerRecord<String, String> reply = awaitReply(commandId, 1);

        assertThat(codec.read(reply.value()).type()).isEqualTo("InventoryReserved");
        assertThat(db.reservedUnits(orderId)).isEqualTo(1);
    }

    @Test
    void injectedTechnicalFailuresAreAnsweredCommandFailedAndTheRetryExecutes() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String commandId = nextCommandId();
        try {
            ResponseEntity<String> injected = put("/participants/inventory/faults", "{\"technicalFailureRate\": 1.0}");
            assertThat(injected.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(json(injected).path("faults").path("technicalFailureRate").asDouble()).isEqualTo(1.0);

            send(reserve(orderId, commandId, 2), TraceContext.forOrder(orderId));
            Envelope failed = codec.read(awaitReply(commandId, 1).value());

            assertThat(failed.type()).isEqualTo("CommandFailed");
            assertThat(failed.payload().path("reason").asText()).contains("Injected technical failure");
            assertThat(db.reservedUnits(orderId)).isZero();
        } finally {
            assertThat(rest.exchange("/participants/inventory/faults", HttpMethod.DELETE, null, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }

        send(reserve(orderId, commandId, 2), TraceContext.forOrder(orderId));

        assertThat(codec.read(awaitReply(commandId, 2).value()).type()).isEqualTo("InventoryReserved");
        assertThat(db.reservedUnits(orderId)).isEqualTo(2);
    }

    @Test
    void theAdminEndpointListsTheParticipantsAndAnswersProblems() {
        ResponseEntity<String> list = rest.getForEntity("/participants", String.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(list).findValuesAsText("name")).containsExactlyInAnyOrder("inventory", "payment", "shipment", "notification");

        ResponseEntity<String> unknown = rest.postForEntity("/participants/warehouse/stop", null, String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json(unknown).path("detail").asText()).contains("warehouse");

        for (String body : List.of("{\"delay\": \"soon\"}", "{\"technicalFailureRate\": 2}", "{\"delay\": \"PT10M\"}", "{\"delay\": [",
                "{\"businessFailureRate\": \"often\"}")) {
            ResponseEntity<String> invalid = put("/participants/payment/faults", body);
            assertThat(invalid.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(invalid.getHeaders().getContentType()).as(body).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        ResponseEntity<String> noBusinessFailure = put("/participants/notification/faults", "{\"businessFailureRate\": 0.5}");
        assertThat(noBusinessFailure.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json(rest.getForEntity("/participants/payment", String.class)).path("faults").path("delay").asText())
                .isEqualTo("PT0S");
    }

    private Envelope reserve(String orderId, String commandId, int quantity) {
        JsonNode payload = codec.toPayload(Map.of("items", List.of(Map.of("sku", SKU, "quantity", quantity, "unitPrice", 12.5))));
        return new Envelope(Envelope.SCHEMA_VERSION, commandId, "ReserveInventory", orderId, commandId, "order-saga-bridge",
                Instant.now(), payload);
    }

    private void send(Envelope command, String traceparent) throws Exception {
        var record = new ProducerRecord<String, String>(COMMAND_TOPIC, command.orderId(), codec.write(command));
        record.headers()
                .add(MessageHeaders.COMMAND_ID, bytes(command.commandId()))
                .add(MessageHeaders.MESSAGE_TYPE, bytes(command.type()))
                .add(MessageHeaders.JOB_RETRIES, bytes("3"))
                .add(MessageHeaders.TRACEPARENT, bytes(traceparent))
                .add("order-saga-test-marker", bytes("echo me"))
                .add("x-not-echoed", bytes("no"));
        kafka.send(record).get(10, TimeUnit.SECONDS);
    }

    /** Waits until {@code count} replies to the command were received, and returns the last. */
    private ConsumerRecord<String, String> awaitReply(String commandId, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            events.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.stream().filter(isReplyTo(commandId)).count() >= count;
        });
        List<ConsumerRecord<String, String>> replies = received.stream().filter(isReplyTo(commandId)).toList();
        assertThat(replies).hasSize(count);
        return replies.getLast();
    }

    private static Predicate<ConsumerRecord<String, String>> isReplyTo(String commandId) {
        return record -> commandId.equals(KafkaMessaging.header(record, MessageHeaders.COMMAND_ID));
    }

    /** A consumer of the topic in a group of its own, reading from the beginning, once it has its partitions. */
    private KafkaConsumer<String, String> consumer(String topic) {
        var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                ConsumerConfig.GROUP_ID_CONFIG, "participants-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(topic));
        var early = new ArrayList<ConsumerRecord<String, String>>();
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(early::add);
            return !consumer.assignment().isEmpty();
        });
        if (topic.equals(EVENT_TOPIC)) {
            received.addAll(early);
        } else {
            consumer.seekToBeginning(consumer.assignment());
        }
        return consumer;
    }

    private ResponseEntity<String> put(String path, String body) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode json(ResponseEntity<String> response) {
        try {
            return codec.mapper().readTree(response.getBody());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + response.getBody(), e);
        }
    }

    private static List<String> headerValues(ConsumerRecord<String, String> record) {
        var values = new ArrayList<String>();
        for (Header header : record.headers()) {
            values.add(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String nextCommandId() {
        return "cmd-" + COMMAND_IDS.incrementAndGet();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.ordersaga.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import dev.ordersaga.support.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The bridge against the real engine and broker, with the reference participants switched off: the test
 * plays the participant, reading commands from the command topics and writing events itself.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class BridgeIT {

    private static TopicProbe probe;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    EnvelopeCodec codec;

    @BeforeAll
    static void startProbe(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Autowired EnvelopeCodec codec) {
        probe = new TopicProbe(bootstrap, codec, "inventory-commands", "payment-commands", "notification-commands", "order-state",
                "order-saga-dlt");
    }

    @AfterAll
    static void stopProbe() throws InterruptedException {
        probe.close();
    }

    @Test
    void aFailureEventThrowsTheBpmnErrorAndTheOrderFails() {
        String orderId = place();
        ConsumerRecord<String, String> command = awaitCommand("inventory-commands", orderId, "ReserveInventory");

        reply(command, "inventory-events", "InventoryCheckKO", Map.of("reason", "Only 1 unit of book-0001 left, 2 requested"));

        // The error boundary leads to the failure notification (nothing to compensate: the step never completed).
        ConsumerRecord<String, String> notify = awaitCommand("notification-commands", orderId, "NotifyCustomer");
        JsonNode payload = codec.read(notify.value()).payload();
        assertThat(payload.path("kind").asText()).isEqualTo("OrderFailed");
        assertThat(payload.path("reason").asText()).isEqualTo("Only 1 unit of book-0001 left, 2 requested");
        reply(notify, "notification-events", "CustomerNotified", Map.of("notificationId", "n-1"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var failed = probe.messages("order-state", orderId, "OrderFailed");
            assertThat(failed).hasSize(1);
            JsonNode reason = failed.getFirst().payload().path("failureReason");
            assertThat(reason.path("step").asText()).isEqualTo("Reserve inventory");
            assertThat(reason.path("event").asText()).isEqualTo("InventoryCheckKO");
            assertThat(reason.path("message").asText()).isEqualTo("Only 1 unit of book-0001 left, 2 requested");
        });
        assertThat(probe.messages("inventory-commands", orderId, "ReleaseInventory")).isEmpty();
        assertThat(probe.messages("payment-commands", orderId)).isEmpty();
    }

    @Test
    void aDuplicateEventCompletesNothingTwice(CapturedOutput output) {
        String orderId = place();
        ConsumerRecord<String, String> command = awaitCommand("inventory-commands", orderId, "ReserveInventory");

        reply(command, "inventory-events", "InventoryReserved", Map.of("reservationId", "r-1"));
        reply(command, "inventory-events", "InventoryReserved", Map.of("reservationId", "r-1"));

        awaitCommand("payment-commands", orderId, "ChargePayment");
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("dropped InventoryReserved for command " + commandId(command)));
        assertThat(probe.messages("payment-commands", orderId, "ChargePayment")).hasSize(1);
        assertThat(probe.messages("order-state", orderId, "InventoryChecked")).hasSize(1);
    }

    @Test
    void aTechnicalFailureRetriesTheJobWhichSendsTheSameCommandId() {
        String orderId = place();
        ConsumerRecord<String, String> first = awaitCommand("inventory-commands", orderId, "ReserveInventory");
        assertThat(header(first, MessageHeaders.JOB_RETRIES)).isEqualTo("5");

        reply(first, "inventory-events", "CommandFailed", Map.of("reason", "stock database unreachable"));

        // The retry carries one retry less: a further technical failure would get closer to an incident. (Under load the job
        // may also time out and send the command again with the same retries before that: the same message, counted apart.)
        await().atMost(Duration.ofSeconds(60)).until(() -> probe.records(r -> r.topic().equals("inventory-commands") && orderId.equals(r.key()))
                .stream().anyMatch(r -> "4".equals(header(r, MessageHeaders.JOB_RETRIES))));
        var sent = probe.records(r -> r.topic().equals("inventory-commands") && orderId.equals(r.key()));
        assertThat(sent).extracting(this::commandId).containsOnly(commandId(first));
        var retried = sent.stream().filter(r -> "4".equals(header(r, MessageHeaders.JOB_RETRIES))).findFirst().orElseThrow();

        reply(retried, "inventory-events", "InventoryReserved", Map.of("reservationId", "r-2"));
        awaitCommand("payment-commands", orderId, "ChargePayment");
    }

    @Test
    void anEventForAJobThatDoesNotExistIsLoggedAndDropped(CapturedOutput output) {
        var stray = Envelope.create("InventoryReserved", "order-that-never-was", "cmd-order-that-never-was-4503599627370494-4503599627370495",
                "inventory", null);
        kafka.send("inventory-events", stray.orderId(), codec.write(stray)).join();

        await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("Order order-that-never-was: dropped InventoryReserved"));
        // The listener goes on: the next order's events are still handled.
        String orderId = place();
        reply(awaitCommand("inventory-commands", orderId, "ReserveInventory"), "inventory-events", "InventoryReserved", Map.of());
        awaitCommand("payment-commands", orderId, "ChargePayment");
    }

    @Test
    void aRecordThatIsNotAnEventIsParkedOnTheDeadLetterTopic() {
        kafka.send("inventory-events", "some-order", "{ this is not json").join();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(probe.records(r -> r.topic().equals("order-saga-dlt")))
                .anySatisfy(r -> {
                    assertThat(r.value()).isEqualTo("{ this is not json");
                    assertThat(header(r, "kafka_dlt-original-topic")).isEqualTo("inventory-events");
                }));
    }

    private String place() {
        var response = rest.postForEntity("/orders", Orders.happy("bridge-it"), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return (String) response.getBody().get("orderId");
    }

    private ConsumerRecord<String, String> awaitCommand(String topic, String orderId, String type) {
        return participant().awaitCommand(topic, orderId, type);
    }

    private void reply(ConsumerRecord<String, String> command, String topic, String eventType, Map<String, Object> payload) {
        participant().reply(command, topic, eventType, payload);
    }

    private ParticipantDouble participant() {
        return new ParticipantDouble(probe, kafka, codec);
    }

    private String commandId(ConsumerRecord<String, String> record) {
        return codec.read(record.value()).commandId();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return ParticipantDouble.header(record, name);
    }
}

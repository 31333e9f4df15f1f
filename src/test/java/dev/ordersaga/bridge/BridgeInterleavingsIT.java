package dev.ordersaga.bridge;

import dev.ordersaga.engine.CommandIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.embedded.EmbeddedEngine;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import dev.ordersaga.support.TopicProbe;
import io.camunda.client.CamundaClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
 * Interleavings of commands, outcomes and engine states that the bridge must get right (issue 13), against the real
 * engine and broker; the test plays the participants.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class BridgeInterleavingsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicProbe probe;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    CamundaClient camunda;

    @BeforeAll
    static void startProbe(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Autowired EnvelopeCodec codec) {
        probe = new TopicProbe(bootstrap, codec, "inventory-commands", "payment-commands", "shipment-commands", "notification-commands",
                "order-state", "order-saga-dlt");
    }

    @AfterAll
    static void stopProbe() throws InterruptedException {
        probe.close();
    }

    /** Scenario 1: the participant charged while the job was failed (in an incident here); the success must not be lost. */
    @Test
    void aSuccessThatArrivesWhileItsJobIsFailedSettlesTheJobWhenItComesBack(CapturedOutput output) {
        String orderId = place();
        ConsumerRecord<String, String> command = participant().awaitCommand("inventory-commands", orderId, "ReserveInventory");
        long jobKey = CommandIds.jobKey(participant().commandId(command));
        // A technical failure at the job's last retry: the job fails with none left, an incident.
        camunda.newUpdateRetriesCommand(jobKey).retries(1).send().join();
        participant().reply(command, "inventory-events", "CommandFailed", Map.of("reason", "stock database unreachable"));
        long incident = await().atMost(WAIT).until(() -> EmbeddedEngine.incidentOfJob(jobKey), Optional::isPresent).orElseThrow();

        // Meanwhile the command (sent again earlier, say after a time-out) took effect: its success arrives while the job is failed.
        participant().reply(command, "inventory-events", "InventoryReserved", Map.of("reservationId", "r-1"));
        // Handled (kept, or dropped as the bridge used to) before the incident is resolved.
        await().atMost(WAIT).until(() -> output.getOut().contains("Order " + orderId + ": dropped InventoryReserved")
                || output.getOut().contains("Order " + orderId + ": InventoryReserved for command"));

        // What "Retry" in Operate does: the job comes back and settles with the success it missed, without a new command.
        camunda.newUpdateRetriesCommand(jobKey).retries(1).send().join();
        camunda.newResolveIncidentCommand(incident).send().join();

        participant().awaitCommand("payment-commands", orderId, "ChargePayment");
        assertThat(probe.messages("inventory-commands", orderId, "ReserveInventory")).as("the reservation is not asked for again").hasSize(1);
    }

    /**
     * Scenario 1, the fence: a {@code CommandFailed} that answers an earlier send of the command (here the first send,
     * answered again after the step failed and sent it a second time) must not fail the newer activation.
     */
    @Test
    void aStaleCommandFailedFromAnEarlierSendDoesNotFailTheNewerActivation(CapturedOutput output) {
        String orderId = place();
        ConsumerRecord<String, String> first = participant().awaitCommand("inventory-commands", orderId, "ReserveInventory");
        participant().reply(first, "inventory-events", "CommandFailed", Map.of("reason", "stock database unreachable"));
        await().atMost(WAIT).until(() -> probe.messages("inventory-commands", orderId, "ReserveInventory").size() >= 2);
        ConsumerRecord<String, String> second = participant().awaitCommand("inventory-commands", orderId, "ReserveInventory");
        assertThat(ParticipantDouble.header(second, MessageHeaders.STEP_FAILURES)).isEqualTo("1");

        // The first send's failure again (a participant that replays it, or a duplicate delivery) while the second is handled.
        participant().reply(first, "inventory-events", "CommandFailed", Map.of("reason", "stock database unreachable"));
        await().atMost(WAIT).until(() -> output.getOut().contains("Order " + orderId + ": ignoring CommandFailed for job"));

        // The job was handed back and sent its command again as it was: not failed, no retry used.
        await().atMost(WAIT).until(() -> probe.messages("inventory-commands", orderId, "ReserveInventory").size() >= 3);
        ConsumerRecord<String, String> third = participant().awaitCommand("inventory-commands", orderId, "ReserveInventory");
        assertThat(ParticipantDouble.header(third, MessageHeaders.STEP_FAILURES)).as("the step's failures").isEqualTo("1");
        assertThat(ParticipantDouble.header(third, MessageHeaders.JOB_RETRIES)).as("the job's retries").isEqualTo("4");
        participant().reply(third, "inventory-events", "InventoryReserved", Map.of());
        participant().awaitCommand("payment-commands", orderId, "ChargePayment");
    }

    /** Scenario 3: a command id names its order, and an answer that carries another order's id settles nothing. */
    @Test
    void anAnswerForAnotherOrderSettlesNothing() {
        String first = place();
        String second = place();
        ConsumerRecord<String, String> firstCommand = participant().awaitCommand("inventory-commands", first, "ReserveInventory");
        ConsumerRecord<String, String> secondCommand = participant().awaitCommand("inventory-commands", second, "ReserveInventory");

        // A reply a participant recorded for the first order, replayed for the second order's command (as after an engine reset).
        Envelope replayed = codec.read(secondCommand.value()).reply("InventoryReserved", "test-participant", codec.toPayload(Map.of()));
        var foreign = new Envelope(replayed.schemaVersion(), replayed.id(), replayed.type(), first, replayed.commandId(), replayed.source(),
                replayed.time(), replayed.payload());
        participant().send(secondCommand, "inventory-events", foreign, headers -> { });

        await().atMost(WAIT).until(() -> !probe.records(r -> r.topic().equals("order-saga-dlt") && first.equals(r.key())).isEmpty()
                || !probe.messages("payment-commands", second).isEmpty());
        assertThat(probe.messages("payment-commands", second)).as("the second order's step is still waiting").isEmpty();
        assertThat(probe.messages("payment-commands", first)).isEmpty();
        // Its own answer settles it.
        participant().reply(secondCommand, "inventory-events", "InventoryReserved", Map.of());
        participant().awaitCommand("payment-commands", second, "ChargePayment");
        // Unique beyond one engine's life: the ids name their orders.
        assertThat(participant().commandId(firstCommand)).contains(first);
        assertThat(participant().commandId(secondCommand)).contains(second);
    }

    /** Scenario 4: whatever a participant answers, it cannot overwrite the order's own variables. */
    @Test
    void aSuccessPayloadDoesNotOverwriteTheOrdersVariables() {
        String orderId = place();
        ConsumerRecord<String, String> command = participant().awaitCommand("inventory-commands", orderId, "ReserveInventory");

        participant().reply(command, "inventory-events", "InventoryReserved",
                Map.of("reservationId", "r-1", "total", 0.01, "orderId", "someone-elses-order", "customerId", "mallory"));

        await().atMost(WAIT).until(() -> !probe.records(r -> r.topic().equals("payment-commands")
                && (orderId.equals(r.key()) || "someone-elses-order".equals(r.key()))).isEmpty());
        var charge = probe.records(r -> r.topic().equals("payment-commands")
                && (orderId.equals(r.key()) || "someone-elses-order".equals(r.key()))).getFirst();
        assertThat(charge.key()).isEqualTo(orderId);
        Envelope envelope = codec.read(charge.value());
        assertThat(envelope.orderId()).isEqualTo(orderId);
        assertThat(new BigDecimal(envelope.payload().path("amount").asText())).isEqualByComparingTo("25.00");
        assertThat(envelope.payload().path("customerId").asText()).isEqualTo("interleavings-it");
    }

    /** Scenario 5: a task whose command Kafka refuses for good (here an invalid topic name) is an incident at once. */
    @Test
    void aTaskWhoseCommandKafkaRefusesRaisesAnIncidentAtOnceNamingTheElementAndTheHeader() {
        camunda.newDeployResourceCommand().addResourceStringUtf8(MISCONFIGURED, "bridge-misconfigured-step.bpmn").send().join();
        String orderId = UUID.randomUUID().toString();
        camunda.newCreateInstanceCommand().bpmnProcessId("bridge-misconfigured-step").latestVersion()
                .variables(Map.of("orderId", orderId, "commandPayload", Map.of())).send().join();

        await().atMost(WAIT).until(() -> !probe.messages("order-state", orderId, IncidentNotices.TYPE).isEmpty());
        Envelope notice = probe.messages("order-state", orderId, IncidentNotices.TYPE).getFirst();
        assertThat(notice.payload().path("message").asText()).contains("Task_BrokenTopic").contains("commandTopic");
        long jobKey = CommandIds.jobKey(notice.commandId());
        assertThat(EmbeddedEngine.incidentOfJob(jobKey)).isPresent();
    }

    /** Scenario 6: the retry count is the engine's, not a header a participant may drop. */
    @Test
    void aTechnicalFailureWithoutTheEchoedHeadersIsRetriedWithTheJobsOwnRetries() {
        String orderId = place();
        ConsumerRecord<String, String> command = participant().awaitCommand("inventory-commands", orderId, "ReserveInventory");

        participant().reply(command, "inventory-events", "CommandFailed", Map.of("reason", "stock database unreachable"), ParticipantDouble::dropEchoed);

        await().atMost(WAIT).until(() -> probe.messages("inventory-commands", orderId, "ReserveInventory").size() == 2
                || !probe.messages("order-state", orderId, IncidentNotices.TYPE).isEmpty());
        assertThat(probe.messages("order-state", orderId, IncidentNotices.TYPE)).as("no incident at the first failure").isEmpty();
        ConsumerRecord<String, String> retried = participant().awaitCommand("inventory-commands", orderId, "ReserveInventory");
        assertThat(participant().commandId(retried)).isEqualTo(participant().commandId(command));
        assertThat(ParticipantDouble.header(retried, MessageHeaders.JOB_RETRIES)).isEqualTo("4");
    }

    /**
     * Scenario 6: the back-off doubles with each failure of the step, whatever retries the step is modelled with (here 20).
     * Each send is told apart by the step's failures it carries, so a command sent again after a time-out (the same send,
     * answered once) does not change what is measured.
     */
    @Test
    void theRetryBackoffGrowsWithTheFailuresOfTheStepItself() {
        String orderId = place();
        participant().reply(participant().awaitCommand("inventory-commands", orderId, "ReserveInventory"), "inventory-events", "InventoryReserved",
                Map.of());
        participant().reply(participant().awaitCommand("payment-commands", orderId, "ChargePayment"), "payment-events", "PaymentCharged", Map.of());
        participant().reply(participant().awaitCommand("shipment-commands", orderId, "ScheduleShipment"), "shipment-events", "ShipmentScheduled",
                Map.of("trackingNumber", "T-1"));
        for (int failures = 0; failures < 5; failures++) {
            participant().reply(awaitNotifyAfter(orderId, failures), "notification-events", "CommandFailed", Map.of("reason", "mail server down"));
        }
        ConsumerRecord<String, String> sixth = awaitNotifyAfter(orderId, 5);
        long fifthGap = sixth.timestamp() - awaitNotifyAfter(orderId, 4).timestamp();
        // 200 ms (the tests' order-saga.bridge.retry-backoff) doubled per failure of the step: 3.2 s before the sixth send.
        assertThat(fifthGap).as("ms between the fifth and the sixth send").isGreaterThanOrEqualTo(2_500);
        assertThat(ParticipantDouble.header(sixth, MessageHeaders.JOB_RETRIES)).isEqualTo("15");
    }

    /** The first NotifyCustomer of the order sent after {@code failures} failures of its step; a time-out lists every send seen. */
    private ConsumerRecord<String, String> awaitNotifyAfter(String orderId, int failures) {
        String expected = Integer.toString(failures);
        await().atMost(WAIT).untilAsserted(() -> assertThat(notifySends(orderId))
                .as("NotifyCustomer sends of order %s (step failures, job retries, timestamp)", orderId)
                .anyMatch(send -> send.startsWith(expected + " ")));
        return probe.records(r -> r.topic().equals("notification-commands") && orderId.equals(r.key())
                && expected.equals(ParticipantDouble.header(r, MessageHeaders.STEP_FAILURES))).getFirst();
    }

    private List<String> notifySends(String orderId) {
        return probe.records(r -> r.topic().equals("notification-commands") && orderId.equals(r.key())).stream()
                .map(r -> ParticipantDouble.header(r, MessageHeaders.STEP_FAILURES) + " " + ParticipantDouble.header(r, MessageHeaders.JOB_RETRIES) + " "
                        + r.timestamp())
                .toList();
    }

    private String place() {
        var response = rest.postForEntity("/orders", Orders.order("interleavings-it", "book-0001", 2, "12.50", "DE"), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return (String) response.getBody().get("orderId");
    }

    private ParticipantDouble participant() {
        return new ParticipantDouble(probe, kafka, codec);
    }

    private static final String MISCONFIGURED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                id="Definitions_BrokenTopic" targetNamespace="https://ordersaga.dev/bpmn">
              <bpmn:process id="bridge-misconfigured-step" isExecutable="true">
                <bpmn:startEvent id="StartEvent_Broken"><bpmn:outgoing>Flow_ToBroken</bpmn:outgoing></bpmn:startEvent>
                <bpmn:serviceTask id="Task_BrokenTopic" name="Broken topic">
                  <bpmn:extensionElements>
                    <zeebe:taskDefinition type="saga-step" retries="5" />
                    <zeebe:taskHeaders>
                      <zeebe:header key="commandType" value="ReserveInventory" />
                      <zeebe:header key="commandTopic" value="not a valid topic!" />
                      <zeebe:header key="eventTopic" value="inventory-events" />
                      <zeebe:header key="successEvents" value="InventoryReserved" />
                    </zeebe:taskHeaders>
                  </bpmn:extensionElements>
                  <bpmn:incoming>Flow_ToBroken</bpmn:incoming>
                  <bpmn:outgoing>Flow_ToEnd</bpmn:outgoing>
                </bpmn:serviceTask>
                <bpmn:endEvent id="End_Broken"><bpmn:incoming>Flow_ToEnd</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="Flow_ToBroken" sourceRef="StartEvent_Broken" targetRef="Task_BrokenTopic" />
                <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_BrokenTopic" targetRef="End_Broken" />
              </bpmn:process>
            </bpmn:definitions>
            """;
}

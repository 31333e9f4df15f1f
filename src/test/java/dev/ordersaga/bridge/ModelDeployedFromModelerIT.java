package dev.ordersaga.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.OrderSagaApplication;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import dev.ordersaga.support.TopicProbe;
import io.camunda.client.CamundaClient;
import io.camunda.client.jobhandling.JobWorkerManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A changed model deployed while the application runs, through the client as Camunda Modeler (or a CI pipeline, or
 * zbctl) deploys it, with a step the application has never seen: a fraud check before the payment, on topics of its
 * own, answered by the test over Kafka. Its outcomes are classified by that model by either running instance alone (first
 * the second instance takes every job while this one takes none, then this one while the second is gone): neither read
 * the new model from its classpath, both agree; orders started on the version before finish on it.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.enabled=false")
class ModelDeployedFromModelerIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static TopicProbe probe;
    private static boolean workersClosed;
    private static ConfigurableApplicationContext secondInstance;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    CamundaClient camunda;

    @Autowired
    JobWorkerManager workersHere;

    @BeforeAll
    static void start(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Autowired EnvelopeCodec codec) {
        probe = new TopicProbe(bootstrap, codec, "inventory-commands", "payment-commands", "notification-commands", "fraud-commands",
                "order-state");
        secondInstance = new SpringApplicationBuilder(OrderSagaApplication.class).properties(Map.of(
                "server.port", "0",
                "order-saga.embedded.conventional-ports", "false",
                "order-saga.participants.enabled", "false",
                "order-saga.bridge.retry-backoff", "200ms",
                "spring.main.banner-mode", "off")).run();
    }

    @AfterAll
    static void stop(@Autowired CamundaClient camunda, @Autowired JobWorkerManager workersHere) throws InterruptedException, IOException {
        // This context is shared with the test classes that follow: it takes jobs again.
        if (workersClosed) {
            openWorkers(workersHere, camunda);
        }
        // The models of the classpath are the latest version again for the test classes that follow.
        camunda.newDeployResourceCommand().addResourceStringUtf8(Files.readString(Path.of("processes/order-process.bpmn")), "order-process.bpmn")
                .send().join();
        if (secondInstance.isActive()) {
            secondInstance.close();
        }
        probe.close();
    }

    @Test
    void aStepAddedByAModelDeployedWhileTheApplicationRunsIsClassifiedByThatModel() throws IOException {
        ParticipantDouble participant = new ParticipantDouble(probe, kafka, codec);
        String before = place("modeler-before");
        ConsumerRecord<String, String> reserveBefore = participant.awaitCommand("inventory-commands", before, "ReserveInventory");

        // The second instance alone takes jobs, so it alone sends the new step's commands and consumes its answers.
        workersHere.closeAllOpenWorkers();
        workersClosed = true;
        camunda.newDeployResourceCommand().addResourceStringUtf8(withFraudCheck(), "order-process.bpmn").send().join();
        String cleared = place("modeler-cleared");
        String suspected = place("modeler-suspected");
        String confused = place("modeler-confused");
        for (String orderId : new String[] {cleared, suspected, confused}) {
            participant.reply(participant.awaitCommand("inventory-commands", orderId, "ReserveInventory"), "inventory-events", "InventoryReserved",
                    Map.of("reservationId", "r-" + orderId));
        }

        // Success: the new step completes and the order goes on to the payment.
        participant.reply(participant.awaitCommand("fraud-commands", cleared, "CheckFraud"), "fraud-events", "FraudCleared", Map.of("score", 3));
        participant.awaitCommand("payment-commands", cleared, "ChargePayment");

        // Its declared failure: the BPMN error, the reservation is released, the customer told why.
        participant.reply(participant.awaitCommand("fraud-commands", suspected, "CheckFraud"), "fraud-events", "FraudSuspected",
                Map.of("reason", "card reported stolen"));
        participant.reply(participant.awaitCommand("inventory-commands", suspected, "ReleaseInventory"), "inventory-events", "InventoryReleased",
                Map.of());
        var notify = codec.read(participant.awaitCommand("notification-commands", suspected, "NotifyCustomer").value());
        assertThat(notify.payload().path("kind").asText()).isEqualTo("OrderFailed");
        assertThat(notify.payload().path("reason").asText()).isEqualTo("card reported stolen");
        assertThat(probe.messages("payment-commands", suspected)).isEmpty();

        // An event type the step does not declare: a technical failure, retried with the same command.
        ConsumerRecord<String, String> check = participant.awaitCommand("fraud-commands", confused, "CheckFraud");
        participant.reply(check, "fraud-events", "FraudServiceConfused", Map.of("reason", "model not loaded"));
        await().atMost(WAIT).until(() -> probe.messages("fraud-commands", confused, "CheckFraud").size() >= 2);
        ConsumerRecord<String, String> retried = participant.awaitCommand("fraud-commands", confused, "CheckFraud");
        assertThat(participant.commandId(retried)).isEqualTo(participant.commandId(check));
        assertThat(ParticipantDouble.header(retried, MessageHeaders.JOB_RETRIES)).isEqualTo("4");
        assertThat(probe.messages("payment-commands", confused)).isEmpty();

        // Order tracking names the new step from what its messages say and judges its events by the new model.
        var api = new OrderApi(rest);
        api.awaitOrder(cleared, WAIT, order -> {
            assertThat(entries(order, "FraudCleared")).singleElement().satisfies(entry -> assertThat(entry).containsEntry("elementId", "Task_CheckFraud")
                    .containsEntry("step", "Task_CheckFraud").containsEntry("stepName", "Task_CheckFraud").containsEntry("outcome", "success"));
            assertThat(order.get("steps")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("Task_CheckFraud", "FraudCleared");
        });
        api.awaitOrder(suspected, WAIT, order -> assertThat(entries(order, "FraudSuspected")).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("outcome", "failure")));
        api.awaitOrder(confused, WAIT, order -> {
            assertThat(entries(order, "FraudServiceConfused")).singleElement().satisfies(entry -> assertThat(entry).containsEntry("outcome", "technical"));
            assertThat(entries(order, "CheckFraud")).isNotEmpty().allSatisfy(entry -> assertThat(entry).containsEntry("kind", "command"));
        });

        // The order placed before the deployment finishes on its own version: no fraud check.
        participant.reply(reserveBefore, "inventory-events", "InventoryReserved", Map.of("reservationId", "r-before"));
        participant.awaitCommand("payment-commands", before, "ChargePayment");
        assertThat(probe.messages("fraud-commands", before)).isEmpty();

        // Now this instance alone, which has not seen the new step yet: it classifies the step's outcomes the same way.
        secondInstance.close();
        openWorkers(workersHere, camunda);
        String clearedHere = place("modeler-cleared-here");
        String suspectedHere = place("modeler-suspected-here");
        for (String orderId : new String[] {clearedHere, suspectedHere}) {
            participant.reply(participant.awaitCommand("inventory-commands", orderId, "ReserveInventory"), "inventory-events", "InventoryReserved",
                    Map.of("reservationId", "r-" + orderId));
        }
        participant.reply(participant.awaitCommand("fraud-commands", clearedHere, "CheckFraud"), "fraud-events", "FraudCleared", Map.of("score", 1));
        participant.awaitCommand("payment-commands", clearedHere, "ChargePayment");
        participant.reply(participant.awaitCommand("fraud-commands", suspectedHere, "CheckFraud"), "fraud-events", "FraudSuspected",
                Map.of("reason", "velocity check"));
        participant.awaitCommand("inventory-commands", suspectedHere, "ReleaseInventory");
        assertThat(probe.messages("payment-commands", suspectedHere)).isEmpty();
    }

    private static void openWorkers(JobWorkerManager workers, CamundaClient camunda) {
        workers.openWorker(camunda, workers.findJobWorkerConfigByType(SagaStep.JOB_TYPE).orElseThrow());
        workersClosed = false;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> order, String type) {
        return ((List<Map<String, Object>>) order.get("history")).stream().filter(entry -> type.equals(entry.get("type"))).toList();
    }

    private String place(String customerId) {
        var response = rest.postForEntity("/orders", Orders.happy(customerId), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return (String) response.getBody().get("orderId");
    }

    /** The order process with a fraud check between the stock reservation and the payment, as drawn in Modeler. */
    private static String withFraudCheck() throws IOException {
        String model = Files.readString(Path.of("processes/order-process.bpmn"));
        String fraudCheck = """
                    <bpmn:serviceTask id="Task_CheckFraud" name="Check fraud">
                      <bpmn:extensionElements>
                        <zeebe:taskDefinition type="saga-step" retries="5" />
                        <zeebe:ioMapping>
                          <zeebe:input source="={customerId: customerId, amount: total}" target="commandPayload" />
                        </zeebe:ioMapping>
                        <zeebe:taskHeaders>
                          <zeebe:header key="commandType" value="CheckFraud" />
                          <zeebe:header key="commandTopic" value="fraud-commands" />
                          <zeebe:header key="eventTopic" value="fraud-events" />
                          <zeebe:header key="successEvents" value="FraudCleared" />
                          <zeebe:header key="failureEvents" value="FraudSuspected" />
                        </zeebe:taskHeaders>
                      </bpmn:extensionElements>
                      <bpmn:incoming>Flow_ToChargePayment</bpmn:incoming>
                      <bpmn:outgoing>Flow_FraudToPayment</bpmn:outgoing>
                    </bpmn:serviceTask>
                    <bpmn:boundaryEvent id="Boundary_FraudSuspected" name="FraudSuspected" attachedToRef="Task_CheckFraud">
                      <bpmn:extensionElements>
                        <zeebe:ioMapping>
                          <zeebe:output source="=failureReason" target="failureReason" />
                        </zeebe:ioMapping>
                      </bpmn:extensionElements>
                      <bpmn:outgoing>Flow_FraudSuspected</bpmn:outgoing>
                      <bpmn:errorEventDefinition id="ErrorEventDefinition_FraudSuspected" errorRef="Error_FraudSuspected" />
                    </bpmn:boundaryEvent>
                    <bpmn:sequenceFlow id="Flow_FraudToPayment" sourceRef="Task_CheckFraud" targetRef="Task_ChargePayment" />
                    <bpmn:sequenceFlow id="Flow_FraudSuspected" sourceRef="Boundary_FraudSuspected" targetRef="Gateway_JoinFailurePaths" />
                """;
        return replaceOnce(replaceOnce(replaceOnce(replaceOnce(replaceOnce(model,
                "    </bpmn:startEvent>\n", "    </bpmn:startEvent>\n" + fraudCheck),
                "sourceRef=\"Event_InventoryChecked\" targetRef=\"Task_ChargePayment\"", "sourceRef=\"Event_InventoryChecked\" targetRef=\"Task_CheckFraud\""),
                "      <bpmn:incoming>Flow_ToChargePayment</bpmn:incoming>\n      <bpmn:outgoing>Flow_PaymentToState",
                "      <bpmn:incoming>Flow_FraudToPayment</bpmn:incoming>\n      <bpmn:outgoing>Flow_PaymentToState"),
                "      <bpmn:incoming>Flow_InventoryCheckKO</bpmn:incoming>\n",
                "      <bpmn:incoming>Flow_InventoryCheckKO</bpmn:incoming>\n      <bpmn:incoming>Flow_FraudSuspected</bpmn:incoming>\n"),
                "  <bpmn:error id=\"Error_PaymentKO\"",
                "  <bpmn:error id=\"Error_FraudSuspected\" name=\"FraudSuspected\" errorCode=\"FraudSuspected\" />\n  <bpmn:error id=\"Error_PaymentKO\"");
    }

    private static String replaceOnce(String text, String target, String replacement) {
        assertThat(text).as("the model to change").containsOnlyOnce(target);
        return text.replace(target, replacement);
    }
}

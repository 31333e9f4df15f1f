package dev.ordersaga;

import static dev.ordersaga.support.OrderApi.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.engine.CommandIds;
import dev.ordersaga.embedded.EmbeddedEngine;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.participants.ParticipantsDatabase;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import dev.ordersaga.support.TopicProbe;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Technical failures: retried with back-off, then an incident that stops the order where it is and says
 * so; resolving the incident (what a person does in Operate) resumes the order. A compensation that
 * cannot succeed ends the same way, never in a silent loop.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.admin.enabled=true")
class IncidentIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TopicProbe probe;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    CamundaClient camunda;

    @Autowired
    EnvelopeCodec codec;

    ParticipantsDatabase db;

    @Autowired
    void participantsDatabase(ParticipantStore store) {
        db = new ParticipantsDatabase(store);
    }

    @BeforeAll
    static void startProbe(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Autowired EnvelopeCodec codec) {
        probe = new TopicProbe(bootstrap, codec, "order-state", "inventory-commands", "payment-commands");
    }

    @AfterAll
    static void stopProbe() throws InterruptedException {
        probe.close();
    }

    @AfterEach
    void clearFaults() {
        var api = new OrderApi(rest);
        List.of("inventory", "payment", "shipment").forEach(api::clearFaults);
    }

    @Test
    void aStepThatKeepsFailingTechnicallyRaisesAnIncidentAndResumesWhenItIsResolved() {
        var api = new OrderApi(rest);
        api.setFaults("inventory", Map.of("technicalFailureRate", 1.0));
        String orderId = api.place(Orders.happy("incident-forward"));

        // Five attempts with growing back-off, then the incident and the notice on the order.
        Envelope notice = awaitIncidentNotice(orderId);
        assertThat(probe.messages("inventory-commands", orderId, "ReserveInventory")).hasSize(5)
                .extracting(Envelope::commandId).containsOnly(notice.commandId());
        assertThat(notice.payload().path("message").asText()).contains("CommandFailed");
        long jobKey = CommandIds.jobKey(notice.commandId());
        long incident = await().atMost(WAIT).until(() -> EmbeddedEngine.incidentOfJob(jobKey), java.util.Optional::isPresent).orElseThrow();
        api.awaitOrder(orderId, WAIT, order -> {
            assertThat(order).containsEntry("state", "OrderCreated");
            assertThat(incidentOf(order)).containsEntry("commandId", notice.commandId()).containsEntry("commandType", "ReserveInventory")
                    .containsEntry("compensation", false);
        });

        api.clearFaults("inventory");
        resolve(jobKey, incident);

        api.awaitOrder(orderId, WAIT, order -> {
            assertThat(order).containsEntry("state", "OrderShipped");
            assertThat(order.get("incident")).isNull();
        });
    }

    @Test
    void aCompensationThatCannotSucceedEndsInAnIncidentNotALoop() {
        var api = new OrderApi(rest);
        // Shipment to AQ fails; the shipment service is slowed so that the refund can be made to fail first.
        api.setFaults("shipment", Map.of("delay", "PT10S"));
        String orderId = api.place(Orders.order("incident-compensation", "book-0031", 1, "15.00", "AQ"));
        api.awaitState(orderId, WAIT, "PaymentProcessed");
        api.setFaults("payment", Map.of("technicalFailureRate", 1.0));

        Envelope notice = awaitIncidentNotice(orderId);
        assertThat(probe.messages("payment-commands", orderId, "RefundPayment")).hasSize(5);
        assertThat(db.refunded(orderId)).isEqualByComparingTo("0");
        long jobKey = CommandIds.jobKey(notice.commandId());
        long incident = await().atMost(WAIT).until(() -> EmbeddedEngine.incidentOfJob(jobKey), java.util.Optional::isPresent).orElseThrow();
        api.awaitOrder(orderId, WAIT, order -> {
            assertThat(order).containsEntry("state", "CompensationFailed");
            assertThat(incidentOf(order)).containsEntry("commandType", "RefundPayment").containsEntry("compensation", true);
        });

        api.clearFaults("payment");
        resolve(jobKey, incident);

        Map<String, Object> order = api.awaitOrder(orderId, WAIT, o -> {
            assertThat(o).containsEntry("state", "OrderFailed");
            assertThat(o.get("incident")).isNull();
            assertThat(exchange(o))
                .containsSubsequence("ShipmentKO", "RefundPayment", "PaymentRefunded", "ReleaseInventory", "InventoryReleased");
        });
        assertThat(db.refunded(orderId)).isEqualByComparingTo("15.00");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> incidentOf(Map<String, Object> order) {
        assertThat(order.get("incident")).as("incident of the order").isNotNull();
        return (Map<String, Object>) order.get("incident");
    }

    private Envelope awaitIncidentNotice(String orderId) {
        await().atMost(WAIT).until(() -> !probe.messages("order-state", orderId, "StepIncident").isEmpty());
        return probe.messages("order-state", orderId, "StepIncident").getFirst();
    }

    /** What "Retry" in Operate does: give the job retries again and resolve its incident. */
    private void resolve(long jobKey, long incidentKey) {
        camunda.newUpdateRetriesCommand(jobKey).retries(3).send().join();
        camunda.newResolveIncidentCommand(incidentKey).send().join();
    }
}

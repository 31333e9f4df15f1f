package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ordersaga.bridge.CommandSender;
import dev.ordersaga.bridge.EventTopics;
import dev.ordersaga.bridge.HeldJobs;
import dev.ordersaga.bridge.IncidentNotices;
import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.messaging.EnvelopePublisher;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.participants.support.Commands;
import dev.ordersaga.support.UnitTestSettings;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * A business state rides on the job of the step after its milestone: it is published first, and the step's
 * command is sent only once the broker acknowledged the state (the engine and the broker are fakes here; the
 * saga ITs run it for real).
 */
class StateBeforeCommandTest {

    private static final String VARIABLES = """
            {"orderId": "order-1", "customerId": "c-1", "email": "c1@example.com", "items": [{"sku": "book-1", "quantity": 1}],
             "total": 12.5, "currency": "EUR", "stepTimeout": "PT2M", "commandPayload": {"items": [{"sku": "book-1", "quantity": 1}]}}
            """;

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
    private final EnvelopePublisher publisher = new EnvelopePublisher(kafka, Commands.CODEC, UnitTestSettings.MESSAGING);
    private final CamundaClient camunda = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
    private final CommandSender sender = new CommandSender(camunda, publisher, Commands.CODEC, UnitTestSettings.BRIDGE,
            new IncidentNotices(publisher, UnitTestSettings.catalog(), UnitTestSettings.metrics()),
            new OrderStatePublisher(publisher, Commands.CODEC, UnitTestSettings.metrics()), UnitTestSettings.TRACING,
            UnitTestSettings.metrics(), UnitTestSettings.catalog(), mock(EventTopics.class), mock(HeldJobs.class));

    @Test
    void theStateIsAcknowledgedBeforeTheStepsCommandIsSent() {
        var stateAcknowledged = new CompletableFuture<SendResult<String, String>>();
        when(kafka.send(any(ProducerRecord.class))).thenReturn(stateAcknowledged, new CompletableFuture<>());

        sender.sendCommand(job("OrderCreated"));

        var sent = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(kafka, times(1)).send(sent.capture());
        assertThat(sent.getValue().topic()).isEqualTo("order-state");
        var state = Commands.CODEC.read((String) sent.getValue().value());
        assertThat(state.type()).isEqualTo("OrderCreated");
        assertThat(state.payload().get("customerId").asText()).isEqualTo("c-1");
        assertThat(state.payload().get("elementId").asText()).isEqualTo("Task_ReserveInventory");
        assertThat(state.payload().has("commandPayload")).as("a snapshot of the order, not of the step").isFalse();

        stateAcknowledged.complete(null);

        var both = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(kafka, timeout(5_000).times(2)).send(both.capture());
        assertThat(both.getAllValues()).extracting(ProducerRecord::topic).containsExactly("order-state", "inventory-commands");
        assertThat(both.getAllValues()).as("the state and the command name the step's BPMN element").allSatisfy(record -> {
            assertThat(header(record, MessageHeaders.ELEMENT_ID)).isEqualTo("Task_ReserveInventory");
            assertThat(header(record, MessageHeaders.PROCESS_ID)).isEqualTo("order-process");
            assertThat(header(record, MessageHeaders.PROCESS_DEFINITION_KEY)).isEqualTo("2251799813685249");
            assertThat(header(record, MessageHeaders.PROCESS_VERSION)).isEqualTo("2");
        });
    }

    @Test
    void aStepWithoutAStateSendsItsCommandAtOnce() {
        when(kafka.send(any(ProducerRecord.class))).thenReturn(new CompletableFuture<>());

        sender.sendCommand(job(null));

        var sent = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(kafka, times(1)).send(sent.capture());
        assertThat(sent.getValue().topic()).isEqualTo("inventory-commands");
    }

    @Test
    void aStateThatIsNotABusinessStateRaisesAnIncidentAndSendsNoCommand() {
        when(kafka.send(any(ProducerRecord.class))).thenReturn(new CompletableFuture<>());

        sender.sendCommand(job("OrderTeleported"));

        verify(camunda).newFailCommand(7L);
        var sent = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(kafka, times(1)).send(sent.capture());
        assertThat(sent.getValue().topic()).as("only the incident notice").isEqualTo("order-state");
        assertThat(Commands.CODEC.read((String) sent.getValue().value()).type()).isEqualTo(IncidentNotices.TYPE);
    }

    private static String header(ProducerRecord<?, ?> record, String name) {
        return KafkaMessaging.header(record.headers(), name);
    }

    private static ActivatedJob job(String state) {
        var headers = new java.util.HashMap<>(Map.of("commandType", "ReserveInventory", "commandTopic", "inventory-commands",
                "eventTopic", "inventory-events", "successEvents", "InventoryReserved"));
        if (state != null) {
            headers.put("orderState", state);
        }
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getKey()).thenReturn(7L);
        when(job.getProcessInstanceKey()).thenReturn(70L);
        when(job.getElementId()).thenReturn("Task_ReserveInventory");
        when(job.getBpmnProcessId()).thenReturn("order-process");
        when(job.getProcessDefinitionKey()).thenReturn(2251799813685249L);
        when(job.getProcessDefinitionVersion()).thenReturn(2);
        when(job.getRetries()).thenReturn(5);
        when(job.getCustomHeaders()).thenReturn(headers);
        when(job.getVariables()).thenReturn(VARIABLES);
        when(job.getVariablesAsMap()).thenReturn(Map.of("orderId", "order-1"));
        return job;
    }
}

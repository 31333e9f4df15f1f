package dev.ordersaga.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.engine.ElementHeaders;
import dev.ordersaga.bridge.EntryState;
import dev.ordersaga.bridge.SagaStep;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.EnvelopePublisher;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.TraceContext;
import dev.ordersaga.observability.SagaMetrics;
import dev.ordersaga.observability.SagaSpan;
import io.camunda.client.api.response.ActivatedJob;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes an order's business state (OrderCreated, InventoryChecked, PaymentProcessed, OrderShipped,
 * OrderFailed) with a snapshot of the order on the order state topic, when the step that declares it
 * starts ({@link EntryState}). The message id is derived from the step's job key, so a retried job
 * publishes the same message again rather than a new one.
 */
@ConditionalOnSaga
@Component
public record OrderStatePublisher(EnvelopePublisher publisher, EnvelopeCodec codec, SagaMetrics metrics) implements EntryState {

    /** The result variable of the shipment step (the bridge's default for ScheduleShipment), which has the tracking number. */
    static final String SHIPMENT_RESULT = "scheduleShipmentResult";
    private static final Logger log = LoggerFactory.getLogger(OrderStatePublisher.class);

    @Override
    public CompletableFuture<Void> publish(ActivatedJob job, String state, JsonNode variables) {
        if (OrderState.parse(state) == null || !variables.path(OrderVariables.ORDER_ID).isTextual()) {
            throw new SagaStep.InvalidStepException("Element " + job.getElementId() + " declares task header '" + SagaStep.ORDER_STATE
                    + "' = " + state + "; it must be one of " + Arrays.toString(OrderState.values()) + ", and the process needs an orderId");
        }
        String orderId = variables.get(OrderVariables.ORDER_ID).asText();
        ObjectNode snapshot = codec.mapper().createObjectNode();
        OrderVariables.SNAPSHOT.forEach(name -> {
            if (variables.has(name)) {
                snapshot.set(name, variables.get(name));
            }
        });
        // A participant's answer is kept in its step's result variable, never among the order's variables.
        JsonNode trackingNumber = variables.path(SHIPMENT_RESULT).path(OrderVariables.TRACKING_NUMBER);
        if (!snapshot.has(OrderVariables.TRACKING_NUMBER) && trackingNumber.isTextual()) {
            snapshot.set(OrderVariables.TRACKING_NUMBER, trackingNumber);
        }
        snapshot.put("processInstanceKey", job.getProcessInstanceKey());
        snapshot.put("elementId", job.getElementId());
        String messageId = UUID.nameUUIDFromBytes(("order-state/" + job.getKey()).getBytes(StandardCharsets.UTF_8)).toString();
        var envelope = new Envelope(Envelope.SCHEMA_VERSION, messageId, state, orderId, null, "order-process", Instant.now(), snapshot);
        var headers = ElementHeaders.of(job);
        headers.put(MessageHeaders.TRACEPARENT, TraceContext.forOrder(orderId));
        return publisher.publishOrderState(envelope, headers).thenAccept(result -> SagaSpan.withOrder(orderId, () -> {
            metrics.stateReached(job.getKey(), state, variables.get("failureReason"));
            log.debug("Order {} is {}", orderId, state);
        }));
    }
}

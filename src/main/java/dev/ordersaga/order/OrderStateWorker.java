package dev.ordersaga.order;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.messaging.TraceContext;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code order-state} job worker: the process's milestone events (OrderCreated, InventoryChecked,
 * PaymentProcessed, OrderShipped, OrderFailed) publish the order's new state, with a snapshot of the
 * order, on the order state topic. The job completes once Kafka acknowledged the message; a failed send
 * fails the job with a back-off. The message id is derived from the job key, so a retried job
 * publishes the same message again rather than a new one.
 */
@ConditionalOnSaga
@Component
public class OrderStateWorker {

    static final String JOB_TYPE = "order-state";
    static final String STATE_HEADER = "state";
    private static final Logger log = LoggerFactory.getLogger(OrderStateWorker.class);

    private final CamundaClient camunda;
    private final KafkaTemplate<String, String> kafka;
    private final EnvelopeCodec codec;
    private final MessagingProperties messaging;

    public OrderStateWorker(CamundaClient camunda, KafkaTemplate<String, String> kafka, EnvelopeCodec codec, MessagingProperties messaging) {
        this.camunda = camunda;
        this.kafka = kafka;
        this.codec = codec;
        this.messaging = messaging;
    }

    @JobWorker(type = JOB_TYPE, autoComplete = false, streamEnabled = true,
            fetchVariables = {"orderId", "customerId", "email", "items", "total", "currency", "shippingAddress", "failureReason", "trackingNumber"})
    public void publishState(ActivatedJob job) {
        String state = job.getCustomHeaders().get(STATE_HEADER);
        Map<String, Object> variables = job.getVariablesAsMap();
        Object orderId = variables.get("orderId");
        if (OrderState.parse(state) == null || !(orderId instanceof String id)) {
            String problem = "Element " + job.getElementId() + " needs task header 'state' with one of "
                    + java.util.Arrays.toString(OrderState.values()) + " and an orderId variable; has state=" + state + ", orderId=" + orderId;
            log.error(problem);
            fail(job, 0, java.time.Duration.ZERO, problem);
            return;
        }
        var snapshot = new LinkedHashMap<String, Object>(variables);
        snapshot.put("processInstanceKey", job.getProcessInstanceKey());
        snapshot.put("elementId", job.getElementId());
        String messageId = UUID.nameUUIDFromBytes(("order-state/" + job.getKey()).getBytes(StandardCharsets.UTF_8)).toString();
        var envelope = new Envelope(Envelope.SCHEMA_VERSION, messageId, state, id, null, "order-process", Instant.now(), codec.toPayload(snapshot));
        var record = new ProducerRecord<String, String>(messaging.orderStateTopic(), id, codec.write(envelope));
        record.headers()
                .add(MessageHeaders.MESSAGE_TYPE, state.getBytes(StandardCharsets.UTF_8))
                .add(MessageHeaders.TRACEPARENT, TraceContext.forOrder(id).getBytes(StandardCharsets.UTF_8));
        kafka.send(record).whenComplete((result, error) -> {
            if (error == null) {
                log.info("Order {} is {}", id, state);
                camunda.newCompleteCommand(job.getKey()).send().whenComplete((ok, completeError) -> {
                    if (completeError != null) {
                        log.warn("Completing state job {} of order {} failed; it is re-activated after its time-out", job.getKey(), id, completeError);
                    }
                });
            } else {
                log.warn("Publishing state {} of order {} failed; failing the job for a retry", state, id, error);
                fail(job, job.getRetries() - 1, java.time.Duration.ofSeconds(2), "Kafka did not accept state " + state + ": " + error.getMessage());
            }
        });
    }

    private void fail(ActivatedJob job, int retries, java.time.Duration backoff, String message) {
        camunda.newFailCommand(job.getKey())
                .retries(Math.max(0, retries))
                .retryBackoff(backoff)
                .errorMessage(message)
                .send()
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.error("Could not fail state job {} ({}); it is re-activated after its time-out", job.getKey(), message, error);
                    }
                });
    }
}

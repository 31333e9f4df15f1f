package dev.ordersaga.bridge;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.messaging.DeadLetters;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.observability.SagaMetrics;
import dev.ordersaga.observability.SagaSpan;
import dev.ordersaga.observability.SagaTracing;
import dev.ordersaga.observability.StepOutcome;
import io.camunda.client.CamundaClient;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes the participants' outcome events and settles the waiting job: complete it (success), throw
 * the BPMN error (business failure) or fail it with one retry less (anything else, e.g. {@code
 * CommandFailed}). A batch of events is sent to the engine concurrently, and the batch's offsets are
 * committed only after the engine accepted every command; if the engine cannot be reached, the batch
 * is retried. An event whose job no longer exists (a duplicate, a late answer after a time-out) is logged
 * and acknowledged. A record that is not a valid event is parked on the dead-letter topic.
 */
@ConditionalOnSaga
@Component
public class OutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(OutcomeListener.class);

    private final CamundaClient camunda;
    private final SagaStepCatalog catalog;
    private final EnvelopeCodec codec;
    private final DeadLetters deadLetters;
    private final BridgeProperties properties;
    private final IncidentNotices incidents;
    private final SagaTracing tracing;
    private final SagaMetrics metrics;

    public OutcomeListener(CamundaClient camunda, SagaStepCatalog catalog, EnvelopeCodec codec, DeadLetters deadLetters,
            BridgeProperties properties, IncidentNotices incidents, SagaTracing tracing, SagaMetrics metrics) {
        this.tracing = tracing;
        this.metrics = metrics;
        this.camunda = camunda;
        this.catalog = catalog;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.incidents = incidents;
    }

    @KafkaListener(id = "order-saga-bridge", topics = "#{@sagaStepCatalog.eventTopicArray()}",
            groupId = "${order-saga.bridge.group-id:order-saga-bridge}",
            concurrency = "${order-saga.bridge.concurrency:1}", containerFactory = BridgeKafkaConfiguration.BATCH_FACTORY)
    public void onEvents(List<ConsumerRecord<String, String>> records) {
        var pending = new ArrayList<CompletableFuture<Void>>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            Envelope event;
            long jobKey;
            try {
                event = codec.read(record.value());
                jobKey = CommandIds.jobKey(event.commandId());
            } catch (MalformedMessageException | IllegalArgumentException e) {
                deadLetters.park(record, e.getMessage(), e);
                continue;
            }
            pending.add(settle(record, event, jobKey));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // Nothing is committed: the whole batch comes again, and what was settled already is then NOT_FOUND. Failed at
            // index 0, so the container seeks the batch back and polls it again after the back-off (a batch retried in
            // memory would commit its offsets when it succeeds, even of partitions a rebalance moved meanwhile).
            log.warn("The engine did not accept every outcome of a batch of {} events; the batch will be retried", records.size(), e.getCause());
            throw new BatchListenerFailedException("The engine did not accept every outcome of this batch; retrying it", e.getCause(), 0);
        }
    }

    private CompletableFuture<Void> settle(ConsumerRecord<String, String> record, Envelope event, long jobKey) {
        long receivedAt = System.currentTimeMillis();
        Outcome outcome = catalog.classify(event.type());
        String commandType = commandType(record, outcome);
        SagaSpan span = tracing.startOutcome(KafkaMessaging.header(record, MessageHeaders.TRACEPARENT), event.orderId(), event.type(), commandType);
        try (SagaSpan.Scope scope = span.open()) {
            return send(record, event, jobKey, outcome)
                    .<Void>thenApply(response -> {
                        metrics.outcome(commandType, kind(outcome), sentAt(record), receivedAt);
                        span.inScope(() -> {
                            log.debug("Order {}: {} settled job {} ({})", event.orderId(), event.type(), jobKey, outcome.getClass().getSimpleName());
                            return null;
                        });
                        return null;
                    })
                    .exceptionally(error -> span.inScope(() -> acceptOrRethrow(record, event, jobKey, commandType, error)))
                    .whenComplete((ignored, error) -> span.end(error));
        }
    }

    private CompletableFuture<?> send(ConsumerRecord<String, String> record, Envelope event, long jobKey, Outcome outcome) {
        CompletionStage<?> sent = switch (outcome) {
            case Outcome.Success success -> camunda.newCompleteCommand(jobKey).variables(variables(event)).send();
            case Outcome.BusinessFailure failure -> camunda.newThrowErrorCommand(jobKey)
                    .errorCode(event.type())
                    .errorMessage(reason(event))
                    .variables(Map.of("failureReason", failureReason(failure.step(), event)))
                    .send();
            case Outcome.TechnicalFailure technical -> {
                int retries = retriesLeft(record) - 1;
                log.warn("Order {}: {} answered {} ({}), not an outcome of any step; failing job {} with {} retries left",
                        event.orderId(), event.source(), event.type(), reason(event), jobKey, Math.max(0, retries));
                String message = event.source() + " answered " + event.type() + ": " + reason(event);
                yield camunda.newFailCommand(jobKey)
                        .retries(Math.max(0, retries))
                        .retryBackoff(properties.backoffFor(retries))
                        .errorMessage(message)
                        .send()
                        .thenApply(response -> {
                            if (retries <= 0) {
                                incidents.raised(event.orderId(), event.commandId(),
                                        KafkaMessaging.header(record, MessageHeaders.COMMAND_TYPE), message);
                            }
                            return response;
                        });
            }
        };
        return sent.toCompletableFuture();
    }

    /** The command type the event answers (a participant echoes it in a header), for the metrics and the span. */
    private static String commandType(ConsumerRecord<String, String> record, Outcome outcome) {
        String echoed = KafkaMessaging.header(record, MessageHeaders.COMMAND_TYPE);
        if (echoed != null) {
            return echoed;
        }
        return switch (outcome) {
            case Outcome.Success success -> success.step().commandType();
            case Outcome.BusinessFailure failure -> failure.step().commandType();
            case Outcome.TechnicalFailure technical -> null;
        };
    }

    private static StepOutcome kind(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Success success -> StepOutcome.SUCCESS;
            case Outcome.BusinessFailure failure -> StepOutcome.BUSINESS_FAILURE;
            case Outcome.TechnicalFailure technical -> StepOutcome.TECHNICAL_FAILURE;
        };
    }

    /** When the command was sent (its header, echoed by the participant), or 0. */
    private static long sentAt(ConsumerRecord<String, String> record) {
        return number(record, MessageHeaders.COMMAND_SENT_AT);
    }

    /** Job gone or no longer waiting: the event is late or a duplicate, log it and move on. Anything else: retry. */
    private Void acceptOrRethrow(ConsumerRecord<String, String> record, Envelope event, long jobKey, String commandType, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        Status.Code code = EngineErrors.code(cause);
        if (code == Status.Code.NOT_FOUND || code == Status.Code.FAILED_PRECONDITION) {
            metrics.outcome(commandType, StepOutcome.DROPPED, 0, 0);
            log.info("Order {}: dropped {} for command {}: job {} is no longer waiting (duplicate or late event): {}",
                    event.orderId(), event.type(), event.commandId(), jobKey, cause.getMessage());
            return null;
        }
        if (code == Status.Code.INVALID_ARGUMENT) {
            deadLetters.park(record, "Engine refused " + event.type() + ": " + cause.getMessage(), cause);
            return null;
        }
        throw new CompletionException(cause);
    }

    /** The success event's payload as the job's result variables, as JSON text (no detour through a map). */
    private static String variables(Envelope event) {
        return event.payload().isObject() ? event.payload().toString() : "{}";
    }

    private static String reason(Envelope event) {
        var reason = event.payload().path("reason");
        return reason.isTextual() ? reason.asText() : event.type();
    }

    private static Map<String, Object> failureReason(SagaStep step, Envelope event) {
        var failure = new LinkedHashMap<String, Object>();
        failure.put("step", step.name());
        failure.put("elementId", step.elementId());
        failure.put("event", event.type());
        failure.put("message", reason(event));
        return failure;
    }

    private static int retriesLeft(ConsumerRecord<String, String> record) {
        return (int) Math.min(Integer.MAX_VALUE, number(record, MessageHeaders.JOB_RETRIES));
    }

    /** A header's value as a number; 0 if it is absent or malformed (logged). */
    private static long number(ConsumerRecord<String, String> record, String header) {
        String value = KafkaMessaging.header(record, header);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            log.warn("Ignoring malformed {} header '{}'", header, value);
            return 0;
        }
    }
}

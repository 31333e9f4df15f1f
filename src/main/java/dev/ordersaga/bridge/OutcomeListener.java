package dev.ordersaga.bridge;

import dev.ordersaga.engine.CommandIds;
import dev.ordersaga.engine.EngineErrors;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes the participants' outcome events and settles the waiting job: complete it (success) or throw
 * the BPMN error (business failure); anything else (e.g. {@code CommandFailed}) is kept with the job, which
 * is handed back to the engine and retried by the command sender if the failure is about its current send.
 * A batch of events is sent to the engine concurrently, and the batch's offsets are committed only after
 * the engine accepted every command; if the engine cannot be reached, the batch is retried. An event whose
 * job no longer exists (a duplicate, a late answer after a time-out) is logged and acknowledged. A record
 * that is not a valid event is parked on the dead-letter topic.
 */
@ConditionalOnSaga
@Component
public class OutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(OutcomeListener.class);

    private final EnvelopeCodec codec;
    private final DeadLetters deadLetters;
    private final SagaTracing tracing;
    private final SagaMetrics metrics;
    private final StepSettler settler;
    private final SagaStepCatalog catalog;

    public OutcomeListener(CamundaClient camunda, EnvelopeCodec codec, DeadLetters deadLetters, BridgeProperties properties,
            SagaTracing tracing, SagaMetrics metrics, SagaStepCatalog catalog) {
        this.catalog = catalog;
        this.tracing = tracing;
        this.metrics = metrics;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.settler = new StepSettler(camunda, codec.mapper(), properties);
    }

    @KafkaListener(id = "order-saga-bridge", topics = "#{@sagaStepCatalog.eventTopicArray()}",
            groupId = "#{@'order-saga.bridge-dev.ordersaga.bridge.BridgeProperties'.groupId()}",
            concurrency = "#{@'order-saga.bridge-dev.ordersaga.bridge.BridgeProperties'.concurrency()}",
            containerFactory = BridgeKafkaConfiguration.BATCH_FACTORY)
    public void onEvents(List<ConsumerRecord<String, String>> records) {
        var pending = new ArrayList<CompletableFuture<Void>>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            Envelope event;
            long jobKey;
            Optional<SagaStep> step;
            try {
                event = codec.read(record.value());
                jobKey = CommandIds.jobKey(event.commandId());
                if (!CommandIds.parse(event.commandId()).orderId().equals(event.orderId())) {
                    // Never settle an order's step with another order's answer (e.g. a participant's reply replayed).
                    throw new IllegalArgumentException("Event " + event.id() + " of order " + event.orderId() + " answers command "
                            + event.commandId() + " of another order");
                }
                step = StepHeader.read(record, codec.mapper());
            } catch (MalformedMessageException | IllegalArgumentException e) {
                deadLetters.park(record, e.getMessage(), e);
                continue;
            }
            pending.add(step.isPresent() ? settle(record, event, jobKey, step.get().classify(event.type())) : handBack(record, event, jobKey));
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

    private CompletableFuture<Void> settle(ConsumerRecord<String, String> record, Envelope event, long jobKey, Outcome outcome) {
        long receivedAt = System.currentTimeMillis();
        String commandType = commandType(record, outcome);
        SagaSpan span = tracing.startOutcome(KafkaMessaging.header(record, MessageHeaders.TRACEPARENT), event.orderId(), event.type(), commandType);
        try (SagaSpan.Scope scope = span.open()) {
            return send(record, event, jobKey, outcome, commandType)
                    .<Void>thenApply(response -> {
                        metrics.outcome(commandType, kind(outcome), number(record, MessageHeaders.COMMAND_SENT_AT), receivedAt);
                        span.inScope(() -> {
                            log.debug("Order {}: {} settled job {} ({})", event.orderId(), event.type(), jobKey, outcome.getClass().getSimpleName());
                            return null;
                        });
                        return null;
                    })
                    .exceptionallyCompose(error -> span.inScope(() -> acceptOrRethrow(record, event, jobKey, outcome, commandType, error)))
                    .whenComplete((ignored, error) -> span.end(error));
        }
    }

    /**
     * An event without the step it answers (its participant does not echo the {@code order-saga-*} headers): what it means
     * is known to the job's model version, not here. It is kept with the job and the job handed back to the engine.
     */
    private CompletableFuture<Void> handBack(ConsumerRecord<String, String> record, Envelope event, long jobKey) {
        log.warn("Order {}: {} for command {} does not echo the {} header; handing job {} back to the engine to settle it by its own step",
                event.orderId(), event.type(), event.commandId(), MessageHeaders.STEP, jobKey);
        // Only to name the step in the metrics and logs of a late or duplicate event: the models known at start-up.
        String commandType = commandType(record, catalog.classify(event.type()));
        return handBack(record, event, jobKey, PendingOutcome.VARIABLE, commandType);
    }

    /**
     * Keeps the event with the job ({@link PendingOutcome}) and hands the job back to the engine at once (its time-out ends
     * now): the command sender settles it when it comes back, with what only the job knows (its step, its retries left,
     * whether the event answers its current send).
     */
    private CompletableFuture<Void> handBack(ConsumerRecord<String, String> record, Envelope event, long jobKey, String variable,
            String commandType) {
        var unknown = new Outcome.TechnicalFailure(event.type());
        return settler.keepAndHandBack(jobKey, new PendingOutcome(event, stepFailures(record)), variable)
                .<Void>thenApply(response -> null)
                .exceptionallyCompose(error -> acceptOrRethrow(record, event, jobKey, unknown, commandType, error));
    }

    /**
     * A business outcome settles the job now. A technical failure is the job's to judge: how many retries it has left is
     * the engine's to know, and a failure that answers an earlier send of the command (the job failed, or timed out and
     * sent again, since) must not fail its newer activation; so it is kept with the job ({@value
     * PendingOutcome#FAILURE_VARIABLE}), apart from a business outcome kept earlier, and the job is handed back.
     */
    private CompletableFuture<?> send(ConsumerRecord<String, String> record, Envelope event, long jobKey, Outcome outcome,
            String commandType) {
        if (!(outcome instanceof Outcome.TechnicalFailure)) {
            return settler.settle(jobKey, outcome, event).toCompletableFuture();
        }
        log.warn("Order {}: {} answered {} ({}), not an outcome of its step; handing job {} back to the engine to retry it",
                event.orderId(), event.source(), event.type(), StepSettler.reason(event), jobKey);
        return handBack(record, event, jobKey, PendingOutcome.FAILURE_VARIABLE, commandType);
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

    /**
     * Job gone ({@code NOT_FOUND}): the event is late or a duplicate, log it and move on. Job there but failed ({@code
     * FAILED_PRECONDITION}: waiting out a retry back-off, or in an incident) and the event a business outcome: the
     * participant acted, so the outcome is kept with the job ({@link PendingOutcome}) and settles it when it comes back.
     * Anything else: retry the batch.
     */
    private CompletableFuture<Void> acceptOrRethrow(ConsumerRecord<String, String> record, Envelope event, long jobKey, Outcome outcome,
            String commandType, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        Status.Code code = EngineErrors.code(cause);
        if (code == Status.Code.FAILED_PRECONDITION && !(outcome instanceof Outcome.TechnicalFailure)) {
            return keepForLater(record, event, jobKey, commandType, cause);
        }
        if (code == Status.Code.NOT_FOUND || code == Status.Code.FAILED_PRECONDITION) {
            metrics.outcome(commandType, StepOutcome.DROPPED, 0, 0);
            log.info("Order {}: dropped {} for command {}: job {} is no longer waiting (duplicate or late event): {}",
                    event.orderId(), event.type(), event.commandId(), jobKey, cause.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        if (code == Status.Code.INVALID_ARGUMENT) {
            deadLetters.park(record, "Engine refused " + event.type() + ": " + cause.getMessage(), cause);
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.failedFuture(cause);
    }

    /** Keeps a business outcome with its failed job ({@link PendingOutcome}); a job gone meanwhile makes it a late event. */
    private CompletableFuture<Void> keepForLater(ConsumerRecord<String, String> record, Envelope event, long jobKey, String commandType,
            Throwable refusal) {
        log.warn("Order {}: {} for command {} arrived while job {} is failed ({}); keeping it with the job, which it settles when it comes back",
                event.orderId(), event.type(), event.commandId(), jobKey, refusal.getMessage());
        return settler.keep(new PendingOutcome(event, stepFailures(record)), PendingOutcome.VARIABLE)
                .<Void>thenApply(response -> null)
                .exceptionallyCompose(error -> EngineErrors.code(error) == Status.Code.NOT_FOUND
                        ? acceptOrRethrow(record, event, jobKey, new Outcome.TechnicalFailure(event.type()), commandType, error)
                        : CompletableFuture.failedFuture(error));
    }

    /** The step's technical failures when the answered command was sent (echoed), or null when the participant did not echo it. */
    private static Integer stepFailures(ConsumerRecord<String, String> record) {
        return KafkaMessaging.header(record, MessageHeaders.STEP_FAILURES) == null ? null
                : (int) Math.min(Integer.MAX_VALUE, number(record, MessageHeaders.STEP_FAILURES));
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

package dev.ordersaga.bridge;

import dev.ordersaga.engine.ElementHeaders;
import dev.ordersaga.engine.CommandIds;
import dev.ordersaga.ConditionalOnSaga;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.EnvelopePublisher;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.observability.SagaMetrics;
import dev.ordersaga.observability.SagaSpan;
import dev.ordersaga.observability.SagaTracing;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The job worker of every {@code saga-step} task: publishes the task's command and leaves the job open.
 * The job is completed later by {@link OutcomeListener}, on whichever instance receives the outcome.
 *
 * <p>The send is asynchronous; the worker thread never waits on Kafka. When the broker does not
 * acknowledge the send, the job fails with one retry less and an exponential back-off, and the retry
 * sends the same command id again. A task whose headers are incomplete raises an incident at once. A
 * task that declares the order state reached when it starts ({@value SagaStep#ORDER_STATE}) publishes
 * that state first, and its command only once the broker acknowledged the state.
 */
@ConditionalOnSaga
@Component
public class CommandSender {

    static final String SOURCE = "order-saga-bridge";
    private static final Logger log = LoggerFactory.getLogger(CommandSender.class);
    /** Sends a command once its state change was acknowledged: a virtual thread per send, nothing to shut down. */
    private static final Executor AFTER_STATE = task -> Thread.ofVirtual().name("order-saga-command-after-state").start(task);

    private final EnvelopePublisher publisher;
    private final ObjectMapper mapper;
    private final EntryState entryState;
    private final SagaTracing tracing;
    private final SagaMetrics metrics;
    private final SagaStepCatalog catalog;
    private final EventTopics eventTopics;
    private final JobFailures jobFailures;
    private final KeptOutcomes kept;
    private final HeldJobs held;

    public CommandSender(CamundaClient camunda, EnvelopePublisher publisher, EnvelopeCodec codec, BridgeProperties properties,
            IncidentNotices incidents, EntryState entryState, SagaTracing tracing, SagaMetrics metrics, SagaStepCatalog catalog,
            EventTopics eventTopics, HeldJobs held) {
        var settler = new StepSettler(camunda, codec.mapper(), properties);
        this.held = held;
        this.publisher = publisher;
        this.mapper = codec.mapper();
        this.entryState = entryState;
        this.tracing = tracing;
        this.metrics = metrics;
        this.catalog = catalog;
        this.eventTopics = eventTopics;
        this.jobFailures = new JobFailures(camunda, settler, incidents);
        this.kept = new KeptOutcomes(settler, jobFailures, metrics, codec);
    }

    @JobWorker(type = SagaStep.JOB_TYPE, autoComplete = false, streamEnabled = true, fetchAllVariables = true)
    public void sendCommand(ActivatedJob job) {
        SagaStep step;
        String orderId;
        JsonNode variables;
        String state = job.getCustomHeaders().get(SagaStep.ORDER_STATE);
        CompletableFuture<Void> stateSent;
        SagaSpan span = null;
        try {
            step = stepOf(job);
            variables = mapper.readTree(job.getVariables());
            orderId = requireOrderId(job, variables);
            if (kept.settle(job, step, variables, orderId)) {
                return;
            }
            // The step's span, child of the order's root span (its context is a process variable); current while the
            // state and the command are sent, so that they and the log lines about them belong to the order's trace.
            span = tracing.startStep(variables.path(SagaTracing.TRACEPARENT_VARIABLE).asText(null), orderId, step.commandType(),
                    step.compensation());
            try (SagaSpan.Scope scope = span.open()) {
                stateSent = state == null || state.isBlank() ? CompletableFuture.completedFuture(null)
                        : entryState.publish(job, state.strip(), variables);
            }
        } catch (SagaStep.InvalidStepException | IllegalArgumentException | JsonProcessingException e) {
            jobFailures.raiseIncident(job, e.getMessage());
            if (span != null) {
                span.end(e);
            }
            return;
        }
        SagaSpan stepSpan = span;
        String commandId = CommandIds.forJob(orderId, job);
        int failures = StepSettler.failures(variables);
        JsonNode payload = variables.path(SagaStep.PAYLOAD_VARIABLE);
        // The command's id is its command id: a re-sent command is the same message.
        var command = new Envelope(Envelope.SCHEMA_VERSION, commandId, step.commandType(), orderId, commandId, SOURCE, Instant.now(),
                payload.isMissingNode() || payload.isNull() ? null : payload);
        var headers = ElementHeaders.of(job);
        headers.put(MessageHeaders.COMMAND_ID, commandId);
        headers.put(MessageHeaders.COMMAND_TYPE, step.commandType());
        headers.put(MessageHeaders.JOB_RETRIES, Integer.toString(job.getRetries()));
        headers.put(MessageHeaders.STEP_FAILURES, Integer.toString(failures));
        headers.put(MessageHeaders.TRACEPARENT, stepSpan.traceparent());
        headers.put(MessageHeaders.COMMAND_SENT_AT, Long.toString(System.currentTimeMillis()));
        StepHeader.put(headers, step, mapper);
        var record = publisher.record(step.commandTopic(), command, headers);
        metrics.commandSent(step.commandType());
        // The state change is on its topic before the command that follows it is sent. The command is sent from
        // a thread of its own: a send from the producer's callback thread would block that very thread whenever
        // it has to wait for the topic's metadata.
        CompletableFuture<?> sent = state == null || state.isBlank() ? stepSpan.inScope(() -> send(step, record))
                : stateSent.thenComposeAsync(acknowledged -> stepSpan.inScope(() -> send(step, record)), AFTER_STATE);
        held.sending(job, orderId, step.eventTopic(), sent);
        sent.whenComplete((result, error) -> {
            try (SagaSpan.Scope scope = stepSpan.open()) {
                if (error == null) {
                    log.debug("Sent {} {} for order {} to {}", step.commandType(), commandId, orderId, step.commandTopic());
                } else if (JobFailures.refusesForGood(error)) {
                    jobFailures.raiseIncident(job, "Task " + step.elementId() + ": Kafka refuses its command " + step.commandType() + " for topic '"
                            + step.commandTopic() + "' (task header " + SagaStep.COMMAND_TOPIC + ") or '" + step.eventTopic() + "' (task header "
                            + SagaStep.EVENT_TOPIC + "): " + JobFailures.rootMessage(error));
                } else {
                    log.warn("Sending {}{} {} for order {} failed; failing the job for a retry", state == null ? "" : "state " + state + " and ",
                            step.commandType(), commandId, orderId, error);
                    String message = "Kafka did not accept " + (state == null ? "" : "state " + state + " or ") + step.commandType() + ": "
                            + error.getMessage();
                    jobFailures.retry(job, step, failures, message);
                }
            } finally {
                stepSpan.end(error);
            }
        });
    }

    /**
     * The step as the job's model version declares it (its task headers), whoever deployed that version. Its name is the
     * element's name where a model known at start-up has the element, else its id (a job does not carry the name).
     */
    private SagaStep stepOf(ActivatedJob job) {
        SagaStep known = catalog.step(job.getElementId());
        SagaStep step = SagaStep.fromHeaders(job.getElementId(), known == null ? job.getElementId() : known.name(), job.getCustomHeaders());
        return step.compensation() || metrics.isCompensation(step.commandType()) ? step.asCompensation() : step;
    }

    private static String commandId(String orderId, ActivatedJob job) {
        return CommandIds.forJob(orderId, job.getElementInstanceKey(), job.getKey());
    }

    /** Sends the command once its event topic is consumed (topics of a step deployed after start-up are created first). */
    private CompletableFuture<?> send(SagaStep step, ProducerRecord<String, String> record) {
        try {
            eventTopics.ensureConsumed(step);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return publisher.send(record);
    }

    private static String requireOrderId(ActivatedJob job, JsonNode variables) {
        JsonNode orderId = variables.path("orderId");
        if (!orderId.isTextual() || orderId.asText().isBlank()) {
            throw new IllegalArgumentException("Process instance " + job.getProcessInstanceKey() + " has no orderId variable");
        }
        return orderId.asText();
    }
}

package dev.ordersaga.bridge;

import dev.ordersaga.engine.CommandIds;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.observability.SagaMetrics;
import dev.ordersaga.observability.StepOutcome;
import io.camunda.client.api.response.ActivatedJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a job that comes back finds kept for it ({@link PendingOutcome}): an outcome that settles it without sending its
 * command again, or a failure about an earlier send, which is ignored.
 */
final class KeptOutcomes {

    private static final Logger log = LoggerFactory.getLogger(KeptOutcomes.class);

    private final StepSettler settler;
    private final JobFailures jobFailures;
    private final SagaMetrics metrics;
    private final EnvelopeCodec codec;

    KeptOutcomes(StepSettler settler, JobFailures jobFailures, SagaMetrics metrics, EnvelopeCodec codec) {
        this.settler = settler;
        this.jobFailures = jobFailures;
        this.metrics = metrics;
        this.codec = codec;
    }

    /**
     * Settles the job with what was kept for it, if anything settles it.
     *
     * @return whether it was settled (its command is then not sent)
     */
    boolean settle(ActivatedJob job, SagaStep step, JsonNode variables, String orderId) {
        String commandId = CommandIds.forJob(orderId, job);
        int failures = StepSettler.failures(variables);
        PendingOutcome pending = PendingOutcome.in(variables, commandId, failures, codec);
        if (pending != null) {
            settlePending(job, step, pending, failures);
            return true;
        }
        ignoreStaleFailure(job, step, variables, orderId);
        return false;
    }

    /**
     * Settles a job that came back with an outcome kept while it could not take it ({@link PendingOutcome}): its command is
     * not sent again. A business outcome completes it or throws its error; a technical failure fails it with one of its
     * own retries less.
     */
    private void settlePending(ActivatedJob job, SagaStep step, PendingOutcome pending, int failures) {
        Envelope event = pending.event();
        Outcome outcome = step.classify(event.type());
        log.info("Order {}: job {} came back with {} kept for it; settling it with that", event.orderId(), job.getKey(), event.type());
        if (outcome instanceof Outcome.TechnicalFailure) {
            jobFailures.retry(job, step, failures, event.source() + " answered " + event.type() + ": " + StepSettler.reason(event));
            return;
        }
        settler.settle(job.getKey(), outcome, event).whenComplete((ok, error) -> {
            if (error != null) {
                // The job's time-out re-activates it, which tries again.
                log.error("Order {}: could not settle job {} with the kept {}; it is tried again after its time-out", event.orderId(), job.getKey(),
                        event.type(), error);
            }
        });
    }

    /**
     * A failure kept for the job that answers a send made before the step last failed (e.g. the first of two sends of the
     * same command, answered after the second was sent): the job has moved on, so it is not failed again; its command is
     * sent as for any activation.
     */
    private void ignoreStaleFailure(ActivatedJob job, SagaStep step, JsonNode variables, String orderId) {
        PendingOutcome stale = PendingOutcome.stale(variables, CommandIds.forJob(orderId, job), StepSettler.failures(variables), codec);
        if (stale != null) {
            metrics.outcome(step.commandType(), StepOutcome.DROPPED, 0, 0);
            log.info("Order {}: ignoring {} for job {}: it answers a send made before the step's failure {} (step failures now {})", orderId,
                    stale.event().type(), job.getKey(), stale.stepFailures() + 1, StepSettler.failures(variables));
        }
    }
}

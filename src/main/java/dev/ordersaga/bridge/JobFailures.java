package dev.ordersaga.bridge;

import dev.ordersaga.engine.CommandIds;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the command sender fails a step's job: for a retry after a technical failure (with one retry less and the step's
 * back-off; the incident notice when none is left), or at once, without retries, for a task that cannot send its command
 * as modelled. A fail command the engine does not take is logged: the job's time-out re-activates the job.
 */
record JobFailures(CamundaClient camunda, StepSettler settler, IncidentNotices incidents) {

    private static final Logger log = LoggerFactory.getLogger(JobFailures.class);

    /** Fails the job for a retry after a technical failure, with one retry less; when none is left, the incident notice. */
    void retry(ActivatedJob job, SagaStep step, int failures, String message) {
        int left = job.getRetries() - 1;
        settler.retry(job.getKey(), job.getElementInstanceKey(), left, failures, message).whenComplete((ok, error) -> {
            if (error != null) {
                // The job's time-out re-activates it, which sends the command again.
                log.error("Could not fail job {} ({}); it will be retried after its time-out", job.getKey(), message, error);
            }
        });
        if (left <= 0 && job.getVariablesAsMap().get("orderId") instanceof String orderId) {
            incidents.raised(orderId, CommandIds.forJob(orderId, job), step.commandType(), message);
        }
    }

    /** A task that cannot send its command as modelled: an incident at once, naming the element, and the incident notice. */
    void raiseIncident(ActivatedJob job, String message) {
        log.error("Step {} of process instance {} cannot send a command: {}", job.getElementId(), job.getProcessInstanceKey(), message);
        failWithoutRetries(job, message);
        if (job.getVariablesAsMap().get("orderId") instanceof String id && !id.isBlank()) {
            incidents.raised(id, CommandIds.forJob(id, job), job.getCustomHeaders().get(SagaStep.COMMAND_TYPE), message);
        }
    }

    /**
     * Whether Kafka refused the command for a reason a retry cannot change (an invalid topic name, a record too large, a
     * serialisation error): a modelling error. A time-out or an unreachable broker is retried.
     */
    static boolean refusesForGood(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof InterruptException) {
                return false;
            }
            if (t instanceof InvalidTopicException || t instanceof RecordTooLargeException || t instanceof SerializationException
                    || t instanceof InvalidRequestException) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private void failWithoutRetries(ActivatedJob job, String message) {
        camunda.newFailCommand(job.getKey())
                .retries(0)
                .errorMessage(message)
                .send()
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        // The job's time-out re-activates it, which sends the command again.
                        log.error("Could not fail job {} ({}); it will be retried after its time-out", job.getKey(), message, error);
                    }
                });
    }
}

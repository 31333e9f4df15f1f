package dev.ordersaga.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersaga.engine.CommandIds;
import dev.ordersaga.messaging.Envelope;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Settles a step's job with a participant's business outcome: completes it with the success payload stored in the
 * step's result variable (the payload never lands among the order's own variables), or throws the BPMN error whose
 * code is the failure event's type, with a {@code failureReason}. Used by the outcome listener when the outcome
 * arrives, and by the command sender when a job comes back with an outcome that arrived while it was failed
 * ({@link PendingOutcome}).
 */
record StepSettler(CamundaClient camunda, ObjectMapper mapper, BridgeProperties properties) {

    /**
     * How often the step failed technically so far: a local variable of its task, written with every failure of its job,
     * so the count lives with the job in the engine and the back-off grows per step ({@link BridgeProperties#backoffAfter}).
     */
    static final String STEP_FAILURES_VARIABLE = "sagaStepFailures";

    /** The step's technical failures so far ({@value #STEP_FAILURES_VARIABLE}), from the job's variables. */
    static int failures(JsonNode variables) {
        return Math.max(0, variables.path(STEP_FAILURES_VARIABLE).asInt(0));
    }

    /**
     * Fails the job after a technical failure, for a retry after the step's back-off (an incident when none is left); the
     * step's failure count grows by one and what was kept with the job is used up. Both are set on the task's scope
     * first (a fail command's own variables did not reach the job's next activation in the engine this runs on).
     *
     * @param retriesLeft the job's retries after this failure
     * @param failures the step's technical failures before this one
     */
    CompletionStage<?> retry(long jobKey, long elementInstanceKey, int retriesLeft, int failures, String message) {
        ObjectNode variables = mapper.createObjectNode().put(STEP_FAILURES_VARIABLE, failures + 1).putNull(PendingOutcome.VARIABLE)
                .putNull(PendingOutcome.FAILURE_VARIABLE);
        return camunda.newSetVariablesCommand(elementInstanceKey).variables(variables.toString()).local(true).send()
                .thenCompose(set -> camunda.newFailCommand(jobKey)
                        .retries(Math.max(0, retriesLeft))
                        .retryBackoff(properties.backoffAfter(failures))
                        .errorMessage(message)
                        .send());
    }

    /** @return the engine's answer; fails as the engine refused (e.g. NOT_FOUND, FAILED_PRECONDITION) */
    CompletionStage<?> settle(long jobKey, Outcome outcome, Envelope event) {
        return switch (outcome) {
            case Outcome.Success success -> camunda.newCompleteCommand(jobKey).variables(result(success.step(), event)).send();
            case Outcome.BusinessFailure failure -> camunda.newThrowErrorCommand(jobKey)
                    .errorCode(event.type())
                    .errorMessage(reason(event))
                    .variables(failureReason(failure.step(), event))
                    .send();
            case Outcome.TechnicalFailure technical -> throw new IllegalArgumentException(event.type() + " is not a business outcome");
        };
    }

    /** Keeps an outcome with its job, as a local variable of the job's task. */
    CompletableFuture<?> keep(PendingOutcome pending, String variable) {
        var variables = mapper.createObjectNode().set(variable, mapper.valueToTree(pending));
        return camunda.newSetVariablesCommand(CommandIds.parse(pending.event().commandId()).elementInstanceKey())
                .variables(variables.toString())
                .local(true)
                .send()
                .toCompletableFuture();
    }

    /** Keeps an outcome with its job and hands the job back to the engine at once (its time-out ends now). */
    CompletableFuture<?> keepAndHandBack(long jobKey, PendingOutcome pending, String variable) {
        return keep(pending, variable).thenCompose(kept -> camunda.newUpdateTimeoutCommand(jobKey).timeout(Duration.ZERO).send());
    }

    /** The success payload under the step's result variable, as JSON text. */
    private String result(SagaStep step, Envelope event) {
        ObjectNode variables = mapper.createObjectNode();
        variables.set(step.resultVariable(), event.payload().isObject() ? event.payload() : mapper.createObjectNode());
        return variables.toString();
    }

    private String failureReason(SagaStep step, Envelope event) {
        ObjectNode variables = mapper.createObjectNode();
        variables.putObject("failureReason")
                .put("step", step.name())
                .put("elementId", step.elementId())
                .put("event", event.type())
                .put("message", reason(event));
        return variables.toString();
    }

    static String reason(Envelope event) {
        JsonNode reason = event.payload().path("reason");
        return reason.isTextual() ? reason.asText() : event.type();
    }
}

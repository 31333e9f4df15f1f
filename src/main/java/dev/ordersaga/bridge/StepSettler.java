package dev.ordersaga.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersaga.messaging.Envelope;
import io.camunda.client.CamundaClient;
import java.util.concurrent.CompletionStage;

/**
 * Settles a step's job with a participant's business outcome: completes it with the success payload stored in the
 * step's result variable (the payload never lands among the order's own variables), or throws the BPMN error whose
 * code is the failure event's type, with a {@code failureReason}. Used by the outcome listener when the outcome
 * arrives, and by the command sender when a job comes back with an outcome that arrived while it was failed
 * ({@link PendingOutcome}).
 */
final class StepSettler {

    private final CamundaClient camunda;
    private final ObjectMapper mapper;

    StepSettler(CamundaClient camunda, ObjectMapper mapper) {
        this.camunda = camunda;
        this.mapper = mapper;
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

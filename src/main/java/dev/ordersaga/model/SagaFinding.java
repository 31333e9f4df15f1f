package dev.ordersaga.model;

import java.util.Objects;

/**
 * A rule a model element breaks.
 *
 * @param rule the rule
 * @param elementId the BPMN id of the element (a step, a boundary or throw event, or the process)
 * @param message what is wrong, worded as the bpmnlint plugin words it
 */
public record SagaFinding(SagaRule rule, String elementId, String message) {

    public SagaFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(elementId, "elementId");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return elementId + ": " + rule.qualifiedName() + ": " + message;
    }
}

package dev.ordersaga.bridge;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One {@code saga-step} service task as its BPMN declares it.
 *
 * @param elementId BPMN element id, e.g. {@code Task_ReserveInventory}
 * @param name the element's name, used in failure reasons
 * @param commandType the command sent, e.g. {@code ReserveInventory}
 * @param commandTopic where the command is sent
 * @param eventTopic where the participant answers
 * @param successEvents event types that complete the task
 * @param failureEvents event types that are business failures: each throws the BPMN error of that code
 * @param compensation whether the command undoes another step (its type is sent by a compensation handler)
 * @param resultVariable the one process variable a success payload is stored in (task header {@value #RESULT_VARIABLE}, by
 *     default the command type in lower camel case followed by {@code Result}, e.g. {@code chargePaymentResult}): a
 *     participant's answer never overwrites the order's own variables
 */
public record SagaStep(
        String elementId,
        String name,
        String commandType,
        String commandTopic,
        String eventTopic,
        List<String> successEvents,
        List<String> failureEvents,
        boolean compensation,
        String resultVariable) {

    public static final String JOB_TYPE = "saga-step";
    public static final String COMMAND_TYPE = "commandType";
    public static final String COMMAND_TOPIC = "commandTopic";
    public static final String EVENT_TOPIC = "eventTopic";
    public static final String SUCCESS_EVENTS = "successEvents";
    public static final String FAILURE_EVENTS = "failureEvents";
    /**
     * Optional: the business state the order has reached when this step starts, published before the
     * step's command ({@link EntryState}).
     */
    public static final String ORDER_STATE = "orderState";
    /** Optional: the variable the success payload is stored in; see {@link #resultVariable()}. */
    public static final String RESULT_VARIABLE = "resultVariable";
    private static final java.util.regex.Pattern VARIABLE_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The input mapping whose value is the command's payload. */
    public static final String PAYLOAD_VARIABLE = "commandPayload";

    public SagaStep {
        successEvents = List.copyOf(successEvents);
        failureEvents = List.copyOf(failureEvents);
        resultVariable = resultVariable == null || resultVariable.isBlank() ? defaultResultVariable(commandType) : resultVariable.strip();
    }

    /** What an event of this type means for this step: its success, one of its failures, or a technical failure. */
    public Outcome classify(String eventType) {
        if (successEvents.contains(eventType)) {
            return new Outcome.Success(this);
        }
        if (failureEvents.contains(eventType)) {
            return new Outcome.BusinessFailure(this);
        }
        return new Outcome.TechnicalFailure(eventType);
    }

    /** {@code ChargePayment} → {@code chargePaymentResult}. */
    static String defaultResultVariable(String commandType) {
        if (commandType == null || commandType.isEmpty()) {
            return "stepResult";
        }
        return Character.toLowerCase(commandType.charAt(0)) + commandType.substring(1) + "Result";
    }

    /**
     * Reads a step from its task headers.
     *
     * @throws InvalidStepException naming every header that is missing or blank
     */
    public static SagaStep fromHeaders(String elementId, String name, Map<String, String> headers) {
        var missing = java.util.stream.Stream.of(COMMAND_TYPE, COMMAND_TOPIC, EVENT_TOPIC, SUCCESS_EVENTS)
                .filter(key -> headers.get(key) == null || headers.get(key).isBlank())
                .toList();
        if (!missing.isEmpty()) {
            throw new InvalidStepException("Task " + elementId + " of type " + JOB_TYPE + " lacks the task header(s) " + missing);
        }
        var step = new SagaStep(elementId, name == null || name.isBlank() ? elementId : name,
                headers.get(COMMAND_TYPE).strip(), headers.get(COMMAND_TOPIC).strip(), headers.get(EVENT_TOPIC).strip(),
                list(headers.get(SUCCESS_EVENTS)), list(headers.get(FAILURE_EVENTS)), false, headers.get(RESULT_VARIABLE));
        String result = headers.get(RESULT_VARIABLE);
        if (result != null && !result.isBlank() && !VARIABLE_NAME.matcher(result.strip()).matches()) {
            throw new InvalidStepException("Task " + elementId + ": task header " + RESULT_VARIABLE + " '" + result + "' is not a variable name");
        }
        var both = step.successEvents.stream().filter(step.failureEvents::contains).toList();
        if (!both.isEmpty()) {
            throw new InvalidStepException("Task " + elementId + " lists " + both + " as both success and failure events");
        }
        return step;
    }

    SagaStep asCompensation() {
        return new SagaStep(elementId, name, commandType, commandTopic, eventTopic, successEvents, failureEvents, true, resultVariable);
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A task whose headers do not describe a valid step: a modelling error, raised as an incident. */
    public static class InvalidStepException extends RuntimeException {
        public InvalidStepException(String message) {
            super(message);
        }
    }
}

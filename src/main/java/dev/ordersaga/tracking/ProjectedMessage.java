package dev.ordersaga.tracking;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.order.OrderState;

/**
 * A message read from one of the saga's topics, classified for the projection.
 *
 * @param envelope the message
 * @param kind {@code command}, {@code event}, {@code state}, or {@code notice} (another message on the order
 *     state topic, e.g. the bridge's {@code StepIncident}: history only, no state change)
 * @param step the participant ({@code inventory}), or {@code order} for state changes
 * @param state the state a state change moves to; null for commands and events
 * @param topic where it was read
 * @param element the BPMN element the message belongs to (from its headers), or null
 * @param outcome for an event: {@link HistoryEntry#SUCCESS}, {@link HistoryEntry#FAILURE} or {@link HistoryEntry#TECHNICAL}
 */
record ProjectedMessage(Envelope envelope, String kind, String step, OrderState state, String topic, BpmnElement element, String outcome) {

    ProjectedMessage(Envelope envelope, String kind, String step, OrderState state, String topic) {
        this(envelope, kind, step, state, topic, null, null);
    }

    /**
     * The BPMN element of a message, as the bridge names it in the headers of what it sends (see {@code
     * MessageHeaders.ELEMENT_ID}).
     */
    record BpmnElement(String elementId, String bpmnProcessId, Long processDefinitionKey, Integer processVersion, String stepName) {}

    ProjectedMessage withElement(BpmnElement bpmnElement) {
        return new ProjectedMessage(envelope, kind, step, state, topic, bpmnElement, outcome);
    }

    ProjectedMessage withOutcome(String eventOutcome) {
        return new ProjectedMessage(envelope, kind, step, state, topic, element, eventOutcome);
    }

    static final String COMMAND = "command";
    static final String EVENT = "event";
    static final String STATE = "state";
    static final String NOTICE = "notice";
    static final String ORDER_STEP = "order";

    static ProjectedMessage state(Envelope envelope, OrderState state, String topic) {
        return new ProjectedMessage(envelope, STATE, ORDER_STEP, state, topic);
    }

    static ProjectedMessage notice(Envelope envelope, String topic) {
        return new ProjectedMessage(envelope, NOTICE, ORDER_STEP, null, topic);
    }

    static ProjectedMessage exchange(Envelope envelope, String kind, String step, String topic) {
        return new ProjectedMessage(envelope, kind, step, null, topic);
    }

    String id() {
        return envelope.id();
    }

    String orderId() {
        return envelope.orderId();
    }

    /** Its line in the order's history. */
    HistoryEntry history() {
        var reason = envelope.payload().path(NOTICE.equals(kind) ? "message" : "reason");
        return new HistoryEntry(envelope.id(), kind, envelope.type(), step, envelope.commandId(), envelope.source(), envelope.time(),
                reason.isTextual() ? reason.asText() : null, element == null ? null : element.elementId(),
                element == null ? null : element.bpmnProcessId(), element == null ? null : element.processDefinitionKey(),
                element == null ? null : element.processVersion(), element == null ? null : element.stepName(), outcome);
    }
}

package dev.ordersaga.tracking.projection;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.order.OrderState;
import dev.ordersaga.tracking.EventOutcome;
import dev.ordersaga.tracking.HistoryEntry;
import dev.ordersaga.tracking.HistoryKind;

/**
 * A message read from one of the saga's topics, classified for the projection.
 *
 * @param envelope the message
 * @param kind a command, an event, a state change, or a notice (another message on the order state topic, e.g. the
 *     bridge's {@code StepIncident}: history only, no state change)
 * @param step for a command or an event, its step as the message names it: the step name the bridge sent with the command
 *     (the task's name, or its id), else its BPMN element id; null for a reply that echoes neither (the projection then
 *     takes the step of the command it answers). {@code order} for state changes and notices
 * @param state the state a state change moves to; null for commands and events
 * @param topic where it was read
 * @param element the BPMN element the message belongs to (from its headers), or null
 * @param outcome for an event, what it means for its step
 */
record ProjectedMessage(Envelope envelope, HistoryKind kind, String step, OrderState state, String topic, BpmnElement element,
        EventOutcome outcome) {

    ProjectedMessage(Envelope envelope, HistoryKind kind, String step, OrderState state, String topic) {
        this(envelope, kind, step, state, topic, null, null);
    }

    /**
     * The BPMN element of a message, as the bridge names it in the headers of what it sends (see {@code
     * MessageHeaders.ELEMENT_ID}).
     */
    record BpmnElement(String elementId, String bpmnProcessId, Long processDefinitionKey, Integer processVersion, String stepName) {}

    /** With the BPMN element its headers name; a command or event also takes its step from it. */
    ProjectedMessage withElement(BpmnElement bpmnElement) {
        String named = step;
        if (named == null && bpmnElement != null) {
            named = bpmnElement.stepName() != null ? bpmnElement.stepName() : bpmnElement.elementId();
        }
        return new ProjectedMessage(envelope, kind, named, state, topic, bpmnElement, outcome);
    }

    ProjectedMessage withStep(String named) {
        return new ProjectedMessage(envelope, kind, named, state, topic, element, outcome);
    }

    ProjectedMessage withOutcome(EventOutcome eventOutcome) {
        return new ProjectedMessage(envelope, kind, step, state, topic, element, eventOutcome);
    }

    /** The step of state changes and notices: the order as a whole. */
    static final String ORDER_STEP = "order";

    static ProjectedMessage state(Envelope envelope, OrderState state, String topic) {
        return new ProjectedMessage(envelope, HistoryKind.STATE, ORDER_STEP, state, topic);
    }

    static ProjectedMessage notice(Envelope envelope, String topic) {
        return new ProjectedMessage(envelope, HistoryKind.NOTICE, ORDER_STEP, null, topic);
    }

    /** A command or an event; its step comes from its headers ({@link #withElement}). */
    static ProjectedMessage exchange(Envelope envelope, HistoryKind kind, String topic) {
        return new ProjectedMessage(envelope, kind, null, null, topic);
    }

    String id() {
        return envelope.id();
    }

    String orderId() {
        return envelope.orderId();
    }

    /** Its line in the order's history. */
    HistoryEntry history() {
        var reason = envelope.payload().path(kind == HistoryKind.NOTICE ? "message" : "reason");
        return new HistoryEntry(envelope.id(), kind, envelope.type(), step, envelope.commandId(), envelope.source(), envelope.time(),
                reason.isTextual() ? reason.asText() : null, element == null ? null : element.elementId(),
                element == null ? null : element.bpmnProcessId(), element == null ? null : element.processDefinitionKey(),
                element == null ? null : element.processVersion(), element == null ? null : element.stepName(), outcome);
    }
}

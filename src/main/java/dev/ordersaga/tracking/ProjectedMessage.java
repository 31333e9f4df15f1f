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
 */
record ProjectedMessage(Envelope envelope, String kind, String step, OrderState state, String topic) {

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
                reason.isTextual() ? reason.asText() : null);
    }
}

package dev.ordersaga.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.order.OrderState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The mutable projection of one order; {@link OrderViews} guards it. */
final class OrderRecord {

    private final String orderId;
    private OrderState state;
    private JsonNode snapshot;
    private Long processInstanceKey;
    private Instant createdAt;
    private Instant updatedAt;
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<HistoryEntry> history = new ArrayList<>();

    OrderRecord(String orderId) {
        this.orderId = orderId;
    }

    /** Applies a state change; a repeated message or a state that would move backwards only adds nothing. */
    void applyState(Envelope message, OrderState next) {
        if (!seen.add(message.id())) {
            return;
        }
        history.add(new HistoryEntry(message.id(), "state", message.type(), "order", null, message.source(), message.time(), null));
        touch(message.time());
        if (next == OrderState.OrderCreated && createdAt == null) {
            createdAt = message.time();
        }
        if (snapshot == null || state == null || state.canMoveTo(next)) {
            snapshot = message.payload();
            if (message.payload().hasNonNull("processInstanceKey")) {
                processInstanceKey = message.payload().get("processInstanceKey").asLong();
            }
        }
        if (state == null || state.canMoveTo(next)) {
            state = next;
        }
    }

    /** Records a command or an event; a message seen before is ignored. */
    void applyExchange(Envelope message, String kind, String step) {
        if (!seen.add(message.id())) {
            return;
        }
        var reason = message.payload().path("reason");
        history.add(new HistoryEntry(message.id(), kind, message.type(), step, message.commandId(), message.source(), message.time(),
                reason.isTextual() ? reason.asText() : null));
        touch(message.time());
    }

    private void touch(Instant time) {
        if (updatedAt == null || time.isAfter(updatedAt)) {
            updatedAt = time;
        }
    }

    OrderView view() {
        var sorted = history.stream().sorted(Comparator.comparing(HistoryEntry::time).thenComparing(HistoryEntry::id)).toList();
        var steps = new LinkedHashMap<String, String>();
        sorted.stream().filter(e -> !"state".equals(e.kind())).forEach(e -> steps.put(e.step(), e.type()));
        JsonNode s = snapshot;
        return new OrderView(orderId, state == null ? null : state.name(),
                text(s, "customerId"), text(s, "email"), node(s, "items"), node(s, "total"), text(s, "currency"),
                node(s, "shippingAddress"), node(s, "failureReason"), processInstanceKey,
                createdAt, updatedAt, steps, sorted);
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
    }

    private static JsonNode node(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field);
    }
}

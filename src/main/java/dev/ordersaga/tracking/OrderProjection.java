package dev.ordersaga.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ordersaga.bridge.IncidentNotices;
import dev.ordersaga.order.OrderState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How messages change an order document: pure, with no Elasticsearch in sight.
 *
 * <p>Every rule is idempotent and, but for two contradicting final states, independent of the order the
 * messages arrive in, so duplicates, redeliveries and messages that overtake each other on different
 * topics or partitions change nothing:
 * <ul>
 *   <li>the state only moves forward ({@link OrderState#canMoveTo}); the business fields are the snapshot
 *       of the state change that was applied, never of a stale one;
 *   <li>{@code createdAt} is the earliest, {@code updatedAt} the latest time of any message;
 *   <li>a step's status is its latest message (by time, then id);
 *   <li>the history has one entry per message id (the first one seen is kept);
 *   <li>a {@code StepIncident} notice opens an incident (and a failed compensation makes the order
 *       {@code CompensationFailed}); any later message of the same command closes it, and so does a final
 *       state; a notice older than a later message of its command, or than the final state, opens nothing.
 * </ul>
 */
final class OrderProjection {

    /** The bridge's notice that a step used up its retries. */
    static final String INCIDENT = IncidentNotices.TYPE;

    private OrderProjection() {}

    /** The order after {@code messages} (all of order {@code orderId}); {@code current} may be null. */
    static OrderDocument apply(OrderDocument current, String orderId, List<ProjectedMessage> messages) {
        var order = new Draft(current, orderId);
        // In time order, so that an incident and the messages that resolve it meet in the right order within a batch.
        var inTimeOrder = messages.stream()
                .sorted(Comparator.comparing((ProjectedMessage m) -> m.envelope().time()).thenComparing(ProjectedMessage::id))
                .toList();
        for (ProjectedMessage message : inTimeOrder) {
            if (!orderId.equals(message.orderId())) {
                throw new IllegalArgumentException("Message " + message.id() + " belongs to order " + message.orderId() + ", not " + orderId);
            }
            order.apply(message);
        }
        return order.document();
    }

    /**
     * The history in time order (then by id), and per participant the type of the last message exchanged
     * with it, in the order the participants were first involved.
     */
    static Map<String, String> steps(List<HistoryEntry> sortedHistory) {
        var steps = new LinkedHashMap<String, String>();
        sortedHistory.stream().filter(e -> isExchange(e.kind())).forEach(e -> steps.put(e.step(), e.type()));
        return steps;
    }

    private static boolean isExchange(String kind) {
        return ProjectedMessage.COMMAND.equals(kind) || ProjectedMessage.EVENT.equals(kind);
    }

    static final Comparator<HistoryEntry> HISTORY_ORDER = Comparator.comparing(HistoryEntry::time).thenComparing(HistoryEntry::id);

    private static final class Draft {
        private final String orderId;
        private OrderState state;
        private Instant stateChangedAt;
        private String stateMessageId;
        private String customerId;
        private String email;
        private JsonNode items;
        private JsonNode total;
        private String currency;
        private JsonNode shippingAddress;
        private JsonNode failureReason;
        private JsonNode incident;
        private Long processInstanceKey;
        private Instant createdAt;
        private Instant updatedAt;
        private final Map<String, OrderDocument.StepStatus> steps = new LinkedHashMap<>();
        private final Map<String, HistoryEntry> history = new LinkedHashMap<>();

        Draft(OrderDocument current, String orderId) {
            this.orderId = orderId;
            if (current == null) {
                return;
            }
            state = current.state() == null ? null : OrderState.parse(current.state());
            stateChangedAt = current.stateChangedAt();
            stateMessageId = current.stateMessageId();
            customerId = current.customerId();
            email = current.email();
            items = current.items();
            total = current.total();
            currency = current.currency();
            shippingAddress = current.shippingAddress();
            failureReason = current.failureReason();
            incident = current.incident();
            processInstanceKey = current.processInstanceKey();
            createdAt = current.createdAt();
            updatedAt = current.updatedAt();
            if (current.steps() != null) {
                current.steps().forEach(s -> steps.put(s.step(), s));
            }
            if (current.history() != null) {
                current.history().forEach(entry -> history.put(entry.id(), entry));
            }
        }

        void apply(ProjectedMessage message) {
            var envelope = message.envelope();
            history.putIfAbsent(envelope.id(), message.history());
            Instant time = envelope.time();
            if (createdAt == null || time.isBefore(createdAt)) {
                createdAt = time;
            }
            if (updatedAt == null || time.isAfter(updatedAt)) {
                updatedAt = time;
            }
            if (message.state() != null) {
                applyState(message);
            } else if (isExchange(message.kind())) {
                var status = new OrderDocument.StepStatus(message.step(), message.kind(), envelope.type(), envelope.id(), time);
                steps.merge(message.step(), status, (old, now) -> isLater(now, old) ? now : old);
                closeIncident(envelope.commandId(), time);
            } else if (INCIDENT.equals(envelope.type())) {
                openIncident(message);
            }
        }

        private void openIncident(ProjectedMessage message) {
            var envelope = message.envelope();
            if (incident != null && !Instant.parse(incident.path("since").asText()).isBefore(envelope.time())) {
                return;
            }
            if (isStale(envelope.commandId(), envelope.time())) {
                return;
            }
            boolean compensation = envelope.payload().path("compensation").asBoolean(false);
            var opened = JsonNodeFactory.instance.objectNode()
                    .put("commandId", envelope.commandId())
                    .put("message", envelope.payload().path("message").asText(null))
                    .put("since", envelope.time().toString())
                    .put("compensation", compensation);
            if (envelope.payload().hasNonNull("commandType")) {
                opened.put("commandType", envelope.payload().get("commandType").asText());
            }
            incident = opened;
            if (compensation && (state == null || state.canMoveTo(OrderState.CompensationFailed))) {
                state = OrderState.CompensationFailed;
                stateChangedAt = envelope.time();
                stateMessageId = envelope.id();
            }
        }

        /**
         * A notice older than what followed it: a message of its command written after it (the incident was resolved and
         * the command sent again; topics are consumed separately, so the notice can be projected after that message), or a
         * final state (the order went on: e.g. the step's deadline passed and its job is gone).
         */
        private boolean isStale(String commandId, Instant time) {
            if (state != null && state.isFinal() && stateChangedAt != null && !time.isAfter(stateChangedAt)) {
                return true;
            }
            if (commandId == null) {
                return false;
            }
            // A command sent again keeps its id (its history entry is the first send); the step's status has the latest one.
            return history.values().stream().anyMatch(entry -> isExchange(entry.kind()) && commandId.equals(entry.commandId())
                    && entry.time().isAfter(time))
                    || steps.values().stream().anyMatch(status -> commandId.equals(status.messageId()) && status.time().isAfter(time));
        }

        /** A message of the incident's command written after the incident: the incident was resolved. */
        private void closeIncident(String commandId, Instant time) {
            if (incident != null && incident.path("commandId").asText("").equals(commandId)
                    && time.isAfter(Instant.parse(incident.path("since").asText()))) {
                incident = null;
            }
        }

        private void applyState(ProjectedMessage message) {
            JsonNode snapshot = message.envelope().payload();
            OrderState next = message.state();
            if (state == null || state.canMoveTo(next)) {
                state = next;
                stateChangedAt = message.envelope().time();
                if (next.isFinal() && incident != null && !Instant.parse(incident.path("since").asText()).isAfter(stateChangedAt)) {
                    // The order went on past the step in the incident (e.g. its deadline passed): nothing waits in it any more.
                    incident = null;
                }
                stateMessageId = message.id();
                customerId = text(snapshot, "customerId");
                email = text(snapshot, "email");
                items = items(snapshot.get("items"));
                total = number(snapshot.get("total"));
                currency = text(snapshot, "currency");
                shippingAddress = object(snapshot.get("shippingAddress"));
                failureReason = failureReason(snapshot.get("failureReason"));
                Long key = processInstanceKey(snapshot);
                if (key != null) {
                    processInstanceKey = key;
                }
            } else if (processInstanceKey == null) {
                // A stale state change still tells which process instance the order runs in.
                processInstanceKey = processInstanceKey(snapshot);
            }
        }

        OrderDocument document() {
            List<OrderDocument.StepStatus> stepList = new ArrayList<>(steps.values());
            stepList.sort(Comparator.comparing(OrderDocument.StepStatus::step));
            return new OrderDocument(orderId, state == null ? null : state.name(), stateChangedAt, stateMessageId, customerId, email,
                    items, total, currency, shippingAddress, failureReason, incident, processInstanceKey, createdAt, updatedAt,
                    List.copyOf(stepList), history.values().stream().sorted(HISTORY_ORDER).toList(),
                    OrderElements.of(history.values(), failureReason));
        }
    }

    private static boolean isLater(OrderDocument.StepStatus a, OrderDocument.StepStatus b) {
        int byTime = a.time().compareTo(b.time());
        return byTime > 0 || (byTime == 0 && a.messageId().compareTo(b.messageId()) > 0);
    }

    private static Long processInstanceKey(JsonNode snapshot) {
        JsonNode key = snapshot.get("processInstanceKey");
        return key != null && key.canConvertToLong() ? key.asLong() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /**
     * The snapshot's values are indexed with an explicit mapping; values of an unexpected shape are
     * dropped (objects) or wrapped rather than stopping the projection with a mapping error.
     */
    private static JsonNode items(JsonNode items) {
        if (items == null || !items.isArray()) {
            return null;
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        items.forEach(item -> {
            if (item.isObject()) {
                kept.add(item);
            }
        });
        return kept;
    }

    private static JsonNode number(JsonNode value) {
        return value != null && (value.isNumber() || value.isTextual()) ? value : null;
    }

    private static JsonNode object(JsonNode value) {
        return value != null && value.isObject() ? value : null;
    }

    private static JsonNode failureReason(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            return value;
        }
        return JsonNodeFactory.instance.objectNode().put("message", value.isValueNode() ? value.asText() : value.toString());
    }

    /** Whether writing {@code next} over {@code current} changes anything. */
    static boolean changes(OrderDocument current, OrderDocument next) {
        return !Objects.equals(current, next);
    }
}

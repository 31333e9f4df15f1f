package dev.ordersaga.tracking.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.order.OrderState;
import dev.ordersaga.order.OrderVariables;
import dev.ordersaga.tracking.HistoryEntry;
import dev.ordersaga.tracking.HistoryKind;
import dev.ordersaga.tracking.Incident;
import dev.ordersaga.tracking.OrderDocument;
import dev.ordersaga.tracking.OrderElements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One order while a batch is projected onto it ({@link OrderMerge}): its current document, the messages applied to
 * it in time order, and the document to write.
 */
final class OrderDraft {


    private final String orderId;
    private OrderState state;
    private Instant stateChangedAt;
    private String stateMessageId;
    /** The order's data, from the snapshot of the applied state change. */
    private OrderVariables variables;
    private Incident incident;
    private Long processInstanceKey;
    private Instant createdAt;
    private Instant updatedAt;
    private final Map<String, OrderDocument.StepStatus> steps = new LinkedHashMap<>();
    private final Map<String, HistoryEntry> history = new LinkedHashMap<>();

    OrderDraft(OrderDocument current, String orderId) {
        this.orderId = orderId;
        this.variables = new OrderVariables(orderId, null, null, null, null, null, null, null, null, null);
        if (current == null) {
            return;
        }
        state = current.state() == null ? null : OrderState.parse(current.state());
        stateChangedAt = current.stateChangedAt();
        stateMessageId = current.stateMessageId();
        variables = current.variables();
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

    void apply(ProjectedMessage projected) {
        ProjectedMessage message = projected.step() == null ? projected.withStep(stepOfCommand(projected.envelope())) : projected;
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
        } else if (message.kind().isExchange()) {
            var status = new OrderDocument.StepStatus(message.step(), message.kind(), envelope.type(), envelope.id(), time);
            steps.merge(message.step(), status, (old, now) -> isLater(now, old) ? now : old);
            closeIncident(envelope.commandId(), time);
        } else if (OrderMerge.INCIDENT.equals(envelope.type())) {
            openIncident(message);
        }
    }

    /**
     * The step of a reply that names none (its participant echoes no headers): that of the command it answers, else
     * the participant as the reply names itself (its command not projected yet).
     */
    private String stepOfCommand(Envelope reply) {
        return history.values().stream()
                .filter(entry -> entry.kind() == HistoryKind.COMMAND && entry.step() != null)
                .filter(entry -> entry.commandId() != null && entry.commandId().equals(reply.commandId()))
                .map(HistoryEntry::step)
                .findFirst()
                .orElse(reply.source());
    }

    private void openIncident(ProjectedMessage message) {
        var envelope = message.envelope();
        if (incident != null && !incident.since().isBefore(envelope.time())) {
            return;
        }
        if (isStale(envelope.commandId(), envelope.time())) {
            return;
        }
        JsonNode notice = envelope.payload();
        boolean compensation = notice.path("compensation").asBoolean(false);
        incident = new Incident(envelope.commandId(), notice.path("message").asText(null), envelope.time(), compensation,
                notice.hasNonNull("commandType") ? notice.get("commandType").asText() : null);
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
        return history.values().stream().anyMatch(entry -> entry.kind().isExchange() && commandId.equals(entry.commandId())
                && entry.time().isAfter(time))
                || steps.values().stream().anyMatch(status -> commandId.equals(status.messageId()) && status.time().isAfter(time));
    }

    /** A message of the incident's command written after the incident: the incident was resolved. */
    private void closeIncident(String commandId, Instant time) {
        if (incident != null && incident.commandId() != null && incident.commandId().equals(commandId) && time.isAfter(incident.since())) {
            incident = null;
        }
    }

    private void applyState(ProjectedMessage message) {
        JsonNode snapshot = message.envelope().payload();
        OrderState next = message.state();
        if (state == null || state.canMoveTo(next)) {
            state = next;
            stateChangedAt = message.envelope().time();
            if (next.isFinal() && incident != null && !incident.since().isAfter(stateChangedAt)) {
                // The order went on past the step in the incident (e.g. its deadline passed): nothing waits in it any more.
                incident = null;
            }
            stateMessageId = message.id();
            var read = OrderVariables.read(snapshot);
            // The document carries the order's data only: neither its tracking number nor the process's settings.
            variables = new OrderVariables(orderId, read.customerId(), read.email(), read.items(), read.total(), read.currency(),
                    read.shippingAddress(), failureReason(read.failureReason()), null, null);
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
        return new OrderDocument(variables, state == null ? null : state.name(), stateChangedAt, stateMessageId, incident, processInstanceKey,
                createdAt, updatedAt, List.copyOf(stepList), history.values().stream().sorted(HistoryEntry.TIME_ORDER).toList(),
                OrderElements.of(history.values(), variables.failureReason()));
    }

    private static boolean isLater(OrderDocument.StepStatus a, OrderDocument.StepStatus b) {
        int byTime = a.time().compareTo(b.time());
        return byTime > 0 || (byTime == 0 && a.messageId().compareTo(b.messageId()) > 0);
    }

    private static Long processInstanceKey(JsonNode snapshot) {
        JsonNode key = snapshot.get("processInstanceKey");
        return key != null && key.canConvertToLong() ? key.asLong() : null;
    }

    /** A failure reason is indexed as an object; another value is wrapped as its message rather than failing the write. */
    private static JsonNode failureReason(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            return value;
        }
        return JsonNodeFactory.instance.objectNode().put("message", value.isValueNode() ? value.asText() : value.toString());
    }
}

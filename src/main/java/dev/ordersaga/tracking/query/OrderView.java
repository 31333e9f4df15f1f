package dev.ordersaga.tracking.query;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ordersaga.messaging.TraceContext;
import dev.ordersaga.order.OrderState;
import dev.ordersaga.order.OrderVariables;
import dev.ordersaga.tracking.HistoryEntry;
import dev.ordersaga.tracking.Incident;
import dev.ordersaga.tracking.OrderDocument;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /orders/{orderId}} answers.
 *
 * @param variables the order's id and data (fields of the answer itself in JSON)
 * @param steps per step (as its messages name it), the type of the last message exchanged for it
 * @param history every command, event and state change of the order, in time order
 * @param operateUrl the process instance in Operate, when {@code order-saga.operate-url} is set
 * @param traceId the order's trace (derived from its id, see {@code dev.ordersaga.observability.SagaTracing}): find it in the
 *     tracing backend the application exports to
 * @param projected false for an order that was accepted but is not in Elasticsearch yet: then only its id, its state
 *     {@code OrderCreated} and its trace id are known
 */
public record OrderView(
        @JsonUnwrapped OrderVariables variables,
        String state,
        Incident incident,
        Long processInstanceKey,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> steps,
        List<HistoryEntry> history,
        String operateUrl,
        String traceId,
        boolean projected) {

    static OrderView of(OrderDocument order, List<HistoryEntry> history, OperateLinks operate) {
        var sorted = history.stream().sorted(HistoryEntry.TIME_ORDER).toList();
        return new OrderView(order.variables(), order.state(), order.incident(), order.processInstanceKey(), order.createdAt(),
                order.updatedAt(), steps(sorted), sorted, operate.processInstance(order.processInstanceKey()),
                TraceContext.traceId(order.orderId()), true);
    }

    /**
     * Per step, the type of the last message exchanged for it, in the order the steps were first involved (the
     * history in time order, then by id).
     */
    static Map<String, String> steps(List<HistoryEntry> sortedHistory) {
        var steps = new LinkedHashMap<String, String>();
        sortedHistory.stream().filter(e -> e.kind().isExchange()).forEach(e -> steps.put(e.step(), e.type()));
        return steps;
    }

    public String orderId() {
        return variables.orderId();
    }

    /** An order whose saga was started but which the projection has not written yet: it is in its first state. */
    static OrderView notProjectedYet(String orderId) {
        var variables = new OrderVariables(orderId, null, null, null, null, null, null, null, null, null);
        return new OrderView(variables, OrderState.OrderCreated.name(), null, null, null, null, Map.of(), List.of(), null, TraceContext.traceId(orderId),
                false);
    }
}

package dev.ordersaga.tracking.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.order.PlaceOrderRequest;
import dev.ordersaga.tracking.Incident;
import dev.ordersaga.tracking.OrderDocument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One order in the answer of {@code GET /orders}; {@code GET /orders/{orderId}} has the rest. */
public record OrderSummary(
        String orderId,
        String state,
        String customerId,
        BigDecimal total,
        String currency,
        JsonNode failureReason,
        Incident incident,
        Long processInstanceKey,
        Instant createdAt,
        Instant updatedAt,
        String operateUrl) {

    /** The fields of the order document a summary needs (the search fetches only those). */
    static final List<String> SOURCE_FIELDS = List.of("orderId", "state", "customerId", "total", "currency", "failureReason", "incident",
            "processInstanceKey", "createdAt", "updatedAt");

    static OrderSummary of(OrderDocument order, OperateLinks operate) {
        var variables = order.variables();
        return new OrderSummary(order.orderId(), order.state(), variables.customerId(), variables.total(), variables.currency(), variables.failureReason(),
                order.incident(),
                order.processInstanceKey(), order.createdAt(), order.updatedAt(), operate.processInstance(order.processInstanceKey()));
    }
}

package dev.ordersaga.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /orders/{orderId}} answers.
 *
 * @param steps per participant, the type of the last message exchanged with it
 */
public record OrderView(
        String orderId,
        String state,
        String customerId,
        String email,
        JsonNode items,
        JsonNode total,
        String currency,
        JsonNode shippingAddress,
        JsonNode failureReason,
        Long processInstanceKey,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> steps,
        List<HistoryEntry> history) {}

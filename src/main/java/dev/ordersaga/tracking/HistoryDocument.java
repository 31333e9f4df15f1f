package dev.ordersaga.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One message in the {@code order-history} index (document id: the message id, so a message seen twice is
 * one document; the first one seen is kept).
 *
 * @param id the message id
 * @param orderId the order it belongs to
 * @param kind {@code command}, {@code event}, {@code state} or {@code notice} (e.g. {@code StepIncident})
 * @param type e.g. {@code ReserveInventory}, {@code InventoryReserved}, {@code PaymentProcessed}
 * @param step the participant ({@code inventory}), or {@code order} for state changes
 * @param commandId the command it is or answers, if any
 * @param source who wrote it
 * @param time when it was written
 * @param detail the participant's reason on failures, or a notice's message, if any
 * @param topic the Kafka topic it was read from
 * @param payload the message's payload, kept but not indexed
 */
public record HistoryDocument(
        String id,
        String orderId,
        String kind,
        String type,
        String step,
        String commandId,
        String source,
        Instant time,
        String detail,
        String topic,
        JsonNode payload) {

    HistoryEntry entry() {
        return new HistoryEntry(id, kind, type, step, commandId, source, time, detail);
    }
}

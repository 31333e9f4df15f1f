package dev.ordersaga.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Every message on every topic, version {@value #SCHEMA_VERSION}: a command, a participant's outcome
 * event, or an order state change.
 *
 * @param schemaVersion version of this envelope; readers refuse versions they do not know
 * @param id unique id of this message (events derived from a command reuse a stable id so that a
 *     re-sent reply is recognisably the same message)
 * @param type message type, e.g. {@code ReserveInventory} or {@code InventoryReserved}
 * @param orderId the order the message belongs to; also the Kafka record key
 * @param commandId the command this message is or answers; stable across retries of one step
 * @param source who wrote it, e.g. {@code order-saga-bridge} or {@code inventory}
 * @param time when it was written
 * @param payload the type-specific body, a JSON object
 */
public record Envelope(
        int schemaVersion,
        String id,
        String type,
        String orderId,
        String commandId,
        String source,
        Instant time,
        JsonNode payload) {

    public static final int SCHEMA_VERSION = 1;

    public Envelope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        payload = payload == null ? JsonNodeFactory.instance.objectNode() : payload;
    }

    /** A new message with a random id, written now. */
    public static Envelope create(String type, String orderId, String commandId, String source, JsonNode payload) {
        return new Envelope(SCHEMA_VERSION, UUID.randomUUID().toString(), type, orderId, commandId, source, Instant.now(), payload);
    }

    /** The reply to this command: same order and command id, a stable id derived from the command. */
    public Envelope reply(String eventType, String replySource, JsonNode replyPayload) {
        String replyId = UUID.nameUUIDFromBytes((id + "/" + eventType).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return new Envelope(SCHEMA_VERSION, replyId, eventType, orderId, commandId, replySource, Instant.now(), replyPayload);
    }
}

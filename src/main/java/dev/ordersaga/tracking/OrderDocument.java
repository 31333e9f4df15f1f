package dev.ordersaga.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One order in the orders index (document id: the order id), as the projection merges it from the messages of the
 * order, and as the queries read it: the model both share. The business fields are the snapshot carried by the last
 * state change that was applied. Its strict mapping is the index template {@code elasticsearch/}{@value #INDEX}{@code
 * .json} next to this class.
 *
 * @param orderId the order id
 * @param state the business state ({@link dev.ordersaga.order.OrderState}); null while only commands or
 *     events of the order were seen
 * @param stateChangedAt when the applied state change was written
 * @param stateMessageId the id of the applied state change message
 * @param customerId from the snapshot
 * @param email from the snapshot
 * @param items from the snapshot: {@code [{sku, quantity, unitPrice}]}
 * @param total from the snapshot, a number
 * @param currency from the snapshot
 * @param shippingAddress from the snapshot: {@code {name, street, city, postalCode, country}}
 * @param failureReason from the snapshot, once the order failed: {@code {step, elementId, event, message}}
 * @param incident while a step waits in an incident (its retries used up); cleared when the step's command is
 *     exchanged again after it
 * @param processInstanceKey the order's process instance
 * @param createdAt the earliest time of any message of the order (its OrderCreated state change)
 * @param updatedAt the latest time of any message of the order
 * @param steps per step (as its messages name it), the last message exchanged for it
 * @param history every message projected into this order (one entry per message id), in time order: the
 *     history lives in the order's own document, so a batch costs one write per order it touches
 * @param elements where the order is and was in its process, by BPMN element id (derived from the history), for the
 *     heat map of the process
 */
public record OrderDocument(
        String orderId,
        String state,
        Instant stateChangedAt,
        String stateMessageId,
        String customerId,
        String email,
        JsonNode items,
        JsonNode total,
        String currency,
        JsonNode shippingAddress,
        JsonNode failureReason,
        Incident incident,
        Long processInstanceKey,
        Instant createdAt,
        Instant updatedAt,
        List<StepStatus> steps,
        List<HistoryEntry> history,
        OrderElements elements) {

    /** The index of this document layout; a new layout is a new index, built from the topics. */
    public static final String INDEX = "orders-v3";
    /** The alias of the current layout's index, for everyone else (dashboards, other readers). */
    public static final String ALIAS = "orders";
    /** The index template (settings and strict mapping) of {@link #INDEX}, a resource next to this class. */
    public static final String TEMPLATE = "elasticsearch/" + INDEX + ".json";

    /**
     * The last message exchanged for one step.
     *
     * @param step the step as its messages name it, e.g. {@code Reserve inventory}
     * @param kind a command (waiting for its outcome) or an event (its outcome)
     * @param type e.g. {@code ReserveInventory} or {@code InventoryReserved}
     * @param messageId the message's id
     * @param time when it was written
     */
    public record StepStatus(String step, HistoryKind kind, String type, String messageId, Instant time) {}
}

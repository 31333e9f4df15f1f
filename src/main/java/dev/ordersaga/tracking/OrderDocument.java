package dev.ordersaga.tracking;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ordersaga.order.OrderVariables;
import java.time.Instant;
import java.util.List;

/**
 * One order in the orders index (document id: the order id), as the projection merges it from the messages of the
 * order, and as the queries read it: the model both share. Its strict mapping is the index template {@code elasticsearch/}{@value #INDEX}{@code
 * .json} next to this class.
 *
 * @param variables the order's id, and its data as the last state change that was applied carried them (its snapshot;
 *     its failure reason once the order failed, as an object); fields of the document itself in JSON
 * @param state the business state ({@link dev.ordersaga.order.OrderState}); null while only commands or
 *     events of the order were seen
 * @param stateChangedAt when the applied state change was written
 * @param stateMessageId the id of the applied state change message
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
        @JsonUnwrapped OrderVariables variables,
        String state,
        Instant stateChangedAt,
        String stateMessageId,
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

    public String orderId() {
        return variables.orderId();
    }

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

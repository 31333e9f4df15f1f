package dev.ordersaga.tracking.projection;

import dev.ordersaga.bridge.IncidentNotices;
import dev.ordersaga.tracking.OrderDocument;
import dev.ordersaga.order.OrderState;
import java.util.Comparator;
import java.util.List;
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
final class OrderMerge {

    /** The bridge's notice that a step used up its retries. */
    static final String INCIDENT = IncidentNotices.TYPE;

    private OrderMerge() {}

    /** The order after {@code messages} (all of order {@code orderId}); {@code current} may be null. */
    static OrderDocument apply(OrderDocument current, String orderId, List<ProjectedMessage> messages) {
        var order = new OrderDraft(current, orderId);
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

    /** Whether writing {@code next} over {@code current} changes anything. */
    static boolean changes(OrderDocument current, OrderDocument next) {
        return !Objects.equals(current, next);
    }
}

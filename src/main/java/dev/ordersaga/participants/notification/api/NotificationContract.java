package dev.ordersaga.participants.notification.api;

/**
 * The notification's messages, on {@code notification-commands} and {@code notification-events}: a record each, whose simple
 * name is its type on the wire. A payload that does not fit its record is malformed.
 */
public final class NotificationContract {

    private NotificationContract() {}

    /** Tell the customer how the order ended; {@code trackingNumber} and {@code reason} may be absent. */
    public record NotifyCustomer(String email, String customerId, NotificationKind kind, String trackingNumber, String reason) {

        public NotifyCustomer {
            if (email == null || email.isBlank()) {
                throw new IllegalArgumentException("email is required");
            }
            if (customerId == null || customerId.isBlank()) {
                throw new IllegalArgumentException("customerId is required");
            }
            if (kind == null) {
                throw new IllegalArgumentException("kind is required (OrderShipped or OrderFailed)");
            }
        }
    }

    /** Shipped, with the tracking number; or failed and compensated, with the reason. */
    public enum NotificationKind {
        OrderShipped,
        OrderFailed
    }

    public record CustomerNotified(String notificationId) {}
}

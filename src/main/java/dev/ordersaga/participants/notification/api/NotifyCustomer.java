package dev.ordersaga.participants.notification.api;

/**
 * Tell the customer how the order ended.
 *
 * @param trackingNumber for {@link NotificationKind#OrderShipped}, may be absent
 * @param reason for {@link NotificationKind#OrderFailed}, may be absent
 */
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

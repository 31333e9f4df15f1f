package dev.ordersaga.participants.notification.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The notification's messages, on {@code notification-commands} and {@code notification-events}: a record each, whose simple
 * name is its type on the wire. A payload that breaks its record's constraints is malformed.
 */
public final class NotificationContract {

    private NotificationContract() {}

    /** Tell the customer how the order ended; {@code trackingNumber} and {@code reason} may be absent. */
    public record NotifyCustomer(@NotBlank String email, @NotBlank String customerId, @NotNull NotificationKind kind, String trackingNumber,
            String reason) {}

    /** Shipped, with the tracking number; or failed and compensated, with the reason. */
    public enum NotificationKind {
        OrderShipped,
        OrderFailed
    }

    public record CustomerNotified(String notificationId) {}
}

package dev.ordersaga.participants.notification.api;

/** What the customer is told. */
public enum NotificationKind {
    /** The order was shipped; the message carries the tracking number. */
    OrderShipped,
    /** The order failed and was compensated; the message carries the reason. */
    OrderFailed
}

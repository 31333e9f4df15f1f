package dev.ordersaga.participants.notification.api;

/** Names fixed by the BPMN: topics, command type and event type of the notification participant. */
public final class NotificationContract {

    /** The participant's name: the {@code source} of its replies. */
    public static final String NAME = "notification";

    public static final String COMMAND_TOPIC = "notification-commands";
    public static final String EVENT_TOPIC = "notification-events";

    public static final String NOTIFY_CUSTOMER = "NotifyCustomer";

    public static final String CUSTOMER_NOTIFIED = "CustomerNotified";

    private NotificationContract() {}
}

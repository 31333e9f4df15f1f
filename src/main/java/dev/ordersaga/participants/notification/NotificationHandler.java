package dev.ordersaga.participants.notification;

import dev.ordersaga.participants.notification.api.CustomerNotified;
import dev.ordersaga.participants.notification.api.NotifyCustomer;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import org.springframework.stereotype.Component;

/** The notification's command, applied to {@link Notifications}. It has no business failure. */
@Component
@ConditionalOnParticipants
public class NotificationHandler implements CommandHandler<NotifyCustomer, CustomerNotified> {

    private final Notifications notifications;

    public NotificationHandler(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public String name() {
        return "notification";
    }

    @Override
    public Class<NotifyCustomer> commands() {
        return NotifyCustomer.class;
    }

    @Override
    public CustomerNotified apply(String orderId, String commandId, NotifyCustomer command) {
        return notifications.notify(orderId, commandId, command);
    }

    @Override
    public boolean hasBusinessFailures() {
        return false;
    }
}

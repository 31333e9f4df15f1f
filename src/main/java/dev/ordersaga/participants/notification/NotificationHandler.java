package dev.ordersaga.participants.notification;

import static dev.ordersaga.participants.notification.api.NotificationContract.CUSTOMER_NOTIFIED;
import static dev.ordersaga.participants.notification.api.NotificationContract.NOTIFY_CUSTOMER;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.participants.notification.api.NotificationContract;
import dev.ordersaga.participants.notification.api.NotifyCustomer;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.Outcome;
import java.util.Optional;

/** The notification's command on the wire, applied to {@link Notifications}. It has no business failure. */
public class NotificationHandler implements CommandHandler<NotifyCustomer> {

    private final Notifications notifications;
    private final EnvelopeCodec codec;

    public NotificationHandler(Notifications notifications, EnvelopeCodec codec) {
        this.notifications = notifications;
        this.codec = codec;
    }

    @Override
    public NotifyCustomer decode(Envelope command) {
        if (!NOTIFY_CUSTOMER.equals(command.type())) {
            throw CommandHandler.unknownCommand(NotificationContract.NAME, command, NOTIFY_CUSTOMER);
        }
        return codec.fromPayload(command.payload(), NotifyCustomer.class);
    }

    @Override
    public Outcome apply(String orderId, NotifyCustomer command) {
        return new Outcome(CUSTOMER_NOTIFIED, notifications.notify(orderId, command));
    }

    @Override
    public Optional<Outcome> refusal(NotifyCustomer command, String reason) {
        return Optional.empty();
    }

    @Override
    public boolean hasBusinessFailures() {
        return false;
    }
}

package dev.ordersaga.participants.notification;

import dev.ordersaga.participants.notification.api.NotificationContract.CustomerNotified;
import dev.ordersaga.participants.notification.api.NotificationContract.NotificationKind;
import dev.ordersaga.participants.notification.api.NotificationContract.NotifyCustomer;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.CommandHandler.OnCommand;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "E-mails" the customer by recording the message in the {@code notification} table, where tests and demos read it; logged
 * at DEBUG. An order is told each kind once. It has no business failure and no compensation.
 */
@CommandHandler(name = Notifications.PARTICIPANT)
@ConditionalOnParticipants
public final class Notifications {

    public static final String PARTICIPANT = "notification";

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final ParticipantStore store;
    private final Clock clock;

    @Autowired
    public Notifications(ParticipantStore store) {
        this(store, Clock.systemUTC());
    }

    public Notifications(ParticipantStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A repeat of a kind already sent answers that message's id. */
    @OnCommand
    public CustomerNotified notify(String orderId, String commandId, NotifyCustomer command) {
        Optional<String> sent = sentBefore(orderId, command.kind());
        if (sent.isPresent()) {
            return new CustomerNotified(sent.get());
        }
        String notificationId = "NTF-" + UUID.randomUUID();
        String text = text(orderId, command);
        // Another replica telling the same order the same kind at once waits here for the first, then finds its message.
        int inserted = store.jdbc().sql("""
                insert into notification (notification_id, order_id, kind, recipient, customer_id, text, sent_at) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (order_id, kind) do nothing""")
                .params(notificationId, orderId, command.kind().name(), command.email(), command.customerId(), text, Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            return new CustomerNotified(sentBefore(orderId, command.kind()).orElseThrow());
        }
        store.record(LedgerEntry.of(PARTICIPANT, orderId, "notified", commandId, notificationId));
        log.debug("E-mail {} to {} ({}), order {}: {}", notificationId, command.email(), command.customerId(), orderId, text);
        return new CustomerNotified(notificationId);
    }

    private Optional<String> sentBefore(String orderId, NotificationKind kind) {
        return store.jdbc().sql("select notification_id from notification where order_id = ? and kind = ?").params(orderId, kind.name())
                .query(String.class).optional();
    }

    static String text(String orderId, NotifyCustomer command) {
        return switch (command.kind()) {
            case OrderShipped -> "Good news: your order " + orderId + " has shipped."
                    + (command.trackingNumber() == null ? "" : " Tracking number: " + command.trackingNumber() + ".");
            case OrderFailed -> "We are sorry: your order " + orderId + " could not be completed"
                    + (command.reason() == null ? "." : ": " + command.reason() + ".")
                    + " Anything reserved or charged for it has been released or refunded.";
        };
    }
}

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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "E-mails" the customer by recording the message, where tests and demos read it ({@link #messages}); logged at DEBUG. An
 * order is told each kind once. It has no business failure and no compensation.
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
        var email = new Email("NTF-" + UUID.randomUUID(), command.email(), command.customerId(), orderId, command.kind(), text(orderId, command),
                clock.instant());
        // Another replica telling the same order the same kind at once waits here for the first, then finds its message.
        int inserted = store.jdbc().sql("""
                insert into notification (notification_id, order_id, kind, recipient, customer_id, text, sent_at) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (order_id, kind) do nothing""")
                .params(email.notificationId(), orderId, email.kind().name(), email.to(), email.customerId(), email.text(), Timestamp.from(email.sentAt()))
                .update();
        if (inserted == 0) {
            return new CustomerNotified(sentBefore(orderId, command.kind()).orElseThrow());
        }
        store.record(LedgerEntry.of(PARTICIPANT, orderId, "notified", commandId).withReference(email.notificationId()));
        log.debug("E-mail {} to {} ({}), order {}: {}", email.notificationId(), email.to(), email.customerId(), orderId, email.text());
        return new CustomerNotified(email.notificationId());
    }

    /** Oldest first. */
    public List<Email> messages(String orderId) {
        return store.jdbc().sql("select notification_id, recipient, customer_id, order_id, kind, text, sent_at from notification where order_id = ?"
                        + " order by sent_at").param(orderId)
                .query((rs, row) -> new Email(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), NotificationKind.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
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

package dev.ordersaga.participants.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ordersaga.participants.ParticipantsDatabase;
import dev.ordersaga.participants.notification.api.NotificationContract.CustomerNotified;
import dev.ordersaga.participants.notification.api.NotificationContract.NotificationKind;
import dev.ordersaga.participants.notification.api.NotificationContract.NotifyCustomer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.participants.support.store.InCommandTransaction;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The notification's rules on the real PostgreSQL server, each call in its command's transaction as the pipeline runs it
 * ({@link ParticipantStore#handle}); every test has orders of its own.
 */
@OrderSagaIntegrationTest
class NotificationsIT {

    private static final Instant NOW = Instant.parse("2025-05-01T10:00:00Z");

    @Autowired
    ParticipantStore store;

    @Autowired
    ObjectMapper json;

    private final String run = UUID.randomUUID().toString().substring(0, 8) + "-";
    private Notifications notifications;
    private ParticipantsDatabase db;
    private InCommandTransaction transaction;

    @BeforeEach
    void start() {
        notifications = new Notifications(store, Clock.fixed(NOW, ZoneOffset.UTC));
        db = new ParticipantsDatabase(store);
        transaction = new InCommandTransaction(store, json, Notifications.PARTICIPANT);
    }

    @Test
    void recordsAShippedMessageWithTheTrackingNumber() {
        CustomerNotified notified = notify("order-1",
                new NotifyCustomer("ada@example.org", "c-1", NotificationKind.OrderShipped, "TRK-1", null));

        assertThat(notified.notificationId()).startsWith("NTF-");
        assertThat(db.messages(run + "order-1")).singleElement().satisfies(email -> {
            assertThat(email.notificationId()).isEqualTo(notified.notificationId());
            assertThat(email.to()).isEqualTo("ada@example.org");
            assertThat(email.customerId()).isEqualTo("c-1");
            assertThat(email.orderId()).isEqualTo(run + "order-1");
            assertThat(email.kind()).isEqualTo(NotificationKind.OrderShipped);
            assertThat(email.text()).contains("order-1").contains("has shipped").contains("TRK-1");
            assertThat(email.sentAt()).isEqualTo(NOW);
        });
    }

    @Test
    void recordsAFailureMessageWithTheReason() {
        notify("order-1", new NotifyCustomer("ada@example.org", "c-1", NotificationKind.OrderFailed, null,
                "Only 3 units of book-0007 left, 5 requested"));

        assertThat(db.messages(run + "order-1")).singleElement()
                .satisfies(email -> assertThat(email.text()).contains("could not be completed").contains("Only 3 units of book-0007 left"));
    }

    @Test
    void anOrderIsToldEachKindOnce() {
        var shipped = new NotifyCustomer("ada@example.org", "c-1", NotificationKind.OrderShipped, "TRK-1", null);
        CustomerNotified first = notify("order-1", shipped);

        CustomerNotified again = notify("order-1", shipped);
        notify("order-2", shipped);

        assertThat(again).isEqualTo(first);
        assertThat(db.messages(run + "order-1")).hasSize(1);
        assertThat(db.messages(run + "order-2")).hasSize(1);
        assertThat(store.ledger(Notifications.PARTICIPANT, run + "order-1")).extracting(LedgerEntry::entry, LedgerEntry::reference)
                .containsExactly(tuple("notified", first.notificationId()));
    }

    @Test
    void anOrderWithoutMessagesHasNone() {
        assertThat(db.messages(run + "order-1")).isEmpty();
    }

    private CustomerNotified notify(String order, NotifyCustomer command) {
        return transaction.handle(run + order, "NotifyCustomer", () -> notifications.notify(run + order, "cmd", command));
    }
}

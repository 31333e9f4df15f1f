package dev.ordersaga.participants.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.participants.notification.api.CustomerNotified;
import dev.ordersaga.participants.notification.api.NotificationKind;
import dev.ordersaga.participants.notification.api.NotifyCustomer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NotificationsTest {

    private static final Instant NOW = Instant.parse("2025-05-01T10:00:00Z");

    private final Notifications notifications = new Notifications(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void recordsAShippedMessageWithTheTrackingNumber() {
        CustomerNotified notified = notifications.notify("order-1",
                new NotifyCustomer("ada@example.org", "c-1", NotificationKind.OrderShipped, "TRK-1", null));

        assertThat(notified.notificationId()).startsWith("NTF-");
        assertThat(notifications.messages("order-1")).singleElement().satisfies(email -> {
            assertThat(email.notificationId()).isEqualTo(notified.notificationId());
            assertThat(email.to()).isEqualTo("ada@example.org");
            assertThat(email.customerId()).isEqualTo("c-1");
            assertThat(email.orderId()).isEqualTo("order-1");
            assertThat(email.kind()).isEqualTo(NotificationKind.OrderShipped);
            assertThat(email.text()).contains("order-1").contains("has shipped").contains("TRK-1");
            assertThat(email.sentAt()).isEqualTo(NOW);
        });
    }

    @Test
    void recordsAFailureMessageWithTheReason() {
        notifications.notify("order-1", new NotifyCustomer("ada@example.org", "c-1", NotificationKind.OrderFailed, null,
                "Only 3 units of book-0007 left, 5 requested"));

        assertThat(notifications.messages("order-1")).singleElement()
                .satisfies(email -> assertThat(email.text()).contains("could not be completed").contains("Only 3 units of book-0007 left"));
    }

    @Test
    void anOrderIsToldEachKindOnce() {
        var shipped = new NotifyCustomer("ada@example.org", "c-1", NotificationKind.OrderShipped, "TRK-1", null);
        CustomerNotified first = notifications.notify("order-1", shipped);

        CustomerNotified again = notifications.notify("order-1", shipped);
        notifications.notify("order-2", shipped);

        assertThat(again).isEqualTo(first);
        assertThat(notifications.messages("order-1")).hasSize(1);
        assertThat(notifications.sentCount()).isEqualTo(2);
    }

    @Test
    void anOrderWithoutMessagesHasNone() {
        assertThat(notifications.messages("order-1")).isEmpty();
    }
}

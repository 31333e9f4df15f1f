package dev.ordersaga.participants.notification;

import static dev.ordersaga.participants.support.Commands.CODEC;
import static dev.ordersaga.participants.support.Commands.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.participants.notification.api.NotifyCustomer;
import dev.ordersaga.participants.support.Faults;
import dev.ordersaga.participants.support.MemoryInbox;
import dev.ordersaga.participants.support.Participant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationHandlerTest {

    private final Notifications notifications = new Notifications();
    private final Participant<NotifyCustomer> participant = new Participant<>(new NotificationHandler(notifications), CODEC, new MemoryInbox());

    @Test
    void notifyIsAnsweredCustomerNotifiedWithOnlyANotificationId() {
        Envelope reply = participant.process(command("NotifyCustomer", "order-1", "cmd-1",
                "{\"email\": \"ada@example.org\", \"customerId\": \"c-1\", \"kind\": \"OrderShipped\", \"trackingNumber\": \"TRK-1\"}"));

        assertThat(reply.type()).isEqualTo("CustomerNotified");
        assertThat(reply.payload().properties()).extracting(Map.Entry::getKey).containsExactly("notificationId");
        assertThat(notifications.messages("order-1")).hasSize(1);
    }

    @Test
    void aFailureNoticeCarriesTheReason() {
        participant.process(command("NotifyCustomer", "order-1", "cmd-1",
                "{\"email\": \"ada@example.org\", \"customerId\": \"c-1\", \"kind\": \"OrderFailed\", \"reason\": \"no stock\"}"));

        assertThat(notifications.messages("order-1")).singleElement().satisfies(email -> assertThat(email.text()).contains("no stock"));
    }

    @Test
    void payloadsThatDoNotFitAreMalformed() {
        for (String payload : List.of("{}", "{\"email\": \"a@b.c\", \"customerId\": \"c-1\", \"kind\": \"OrderLost\"}",
                "{\"email\": \"a@b.c\", \"kind\": \"OrderShipped\"}")) {
            assertThatThrownBy(() -> participant.process(command("NotifyCustomer", "order-1", "cmd-1", payload)))
                    .as(payload)
                    .isInstanceOf(MalformedMessageException.class);
        }
        assertThat(notifications.sentCount()).isZero();
    }

    @Test
    void hasNoBusinessFailureToInject() {
        assertThatThrownBy(() -> participant.injectFaults(new Faults(Duration.ZERO, 0.0, 0.5)))
                .isInstanceOf(Faults.InvalidFaultsException.class);
    }
}

package dev.ordersaga.participants.notification;

import static dev.ordersaga.participants.support.Commands.NO_DATABASE;
import static dev.ordersaga.participants.support.Commands.command;
import static dev.ordersaga.participants.support.Commands.participantOf;
import static dev.ordersaga.participants.support.Commands.process;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.participants.support.Faults;
import dev.ordersaga.participants.support.MemoryInbox;
import dev.ordersaga.participants.support.Participant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationHandlerTest {

    /** Notifications on a data source that cannot connect: reading a command never reaches them (see NotificationsIT for the rules). */
    private final Participant participant = participantOf(new Notifications(NO_DATABASE), new MemoryInbox());

    @Test
    void payloadsThatDoNotFitAreMalformed() {
        for (String payload : List.of("{}", "{\"email\": \"a@b.c\", \"customerId\": \"c-1\", \"kind\": \"OrderLost\"}",
                "{\"email\": \"a@b.c\", \"kind\": \"OrderShipped\"}")) {
            assertThatThrownBy(() -> process(participant, command("NotifyCustomer", "order-1", "cmd-1", payload)))
                    .as(payload)
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void hasNoBusinessFailureToInject() {
        assertThatThrownBy(() -> participant.injectFaults(new Faults(Duration.ZERO, 0.0, 0.5)))
                .isInstanceOf(Faults.InvalidFaultsException.class);
    }
}

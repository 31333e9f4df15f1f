package dev.ordersaga.participants.payment;

import static dev.ordersaga.participants.support.Commands.NO_DATABASE;
import static dev.ordersaga.participants.support.Commands.command;
import static dev.ordersaga.participants.support.Commands.decode;
import static dev.ordersaga.participants.support.Commands.participantOf;
import static dev.ordersaga.participants.support.Commands.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.participants.payment.api.PaymentContract.ChargePayment;
import dev.ordersaga.participants.support.MemoryInbox;
import dev.ordersaga.participants.support.Participant;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the payment's commands; what they do is PaymentsIT's, on the real database. */
class PaymentHandlerTest {

    private static final String CHARGE = "{\"customerId\": \"c-1\", \"amount\": 37.5, \"currency\": \"EUR\"}";

    /** Payments on a data source that cannot connect: reading a command never reaches them (see PaymentsIT for the rules). */
    private final Participant participant = participantOf(new Payments(NO_DATABASE), new MemoryInbox());

    @Test
    void readsDecimalAmountsAsNumbersOrStrings() {
        assertThat(decode(participant, command("ChargePayment", "order-1", "cmd-1", CHARGE)))
                .isEqualTo(new ChargePayment("c-1", new BigDecimal("37.5"), "EUR"));
        assertThat(decode(participant, command("ChargePayment", "order-1", "cmd-1",
                "{\"customerId\": \"c-1\", \"amount\": \"37.50\", \"currency\": \"EUR\"}")))
                .isEqualTo(new ChargePayment("c-1", new BigDecimal("37.50"), "EUR"));
    }

    @Test
    void payloadsThatDoNotFitAreMalformed() {
        for (String payload : List.of("{}", "{\"customerId\": \"c-1\", \"currency\": \"EUR\"}",
                "{\"customerId\": \"c-1\", \"amount\": -1, \"currency\": \"EUR\"}",
                "{\"customerId\": \"c-1\", \"amount\": \"lots\", \"currency\": \"EUR\"}",
                "{\"amount\": 1, \"currency\": \"EUR\"}",
                "{\"customerId\": \"c-1\", \"amount\": 1}")) {
            assertThatThrownBy(() -> process(participant, command("ChargePayment", "order-1", "cmd-1", payload)))
                    .as(payload)
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void anotherParticipantsCommandIsMalformed() {
        assertThatThrownBy(() -> decode(participant, command("ReserveInventory", "order-1", "cmd-1", "{}")))
                .isInstanceOf(MalformedMessageException.class);
    }
}

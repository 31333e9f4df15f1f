package dev.ordersaga.participants.payment;

import static dev.ordersaga.participants.support.Commands.CODEC;
import static dev.ordersaga.participants.support.Commands.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.participants.payment.api.ChargePayment;
import dev.ordersaga.participants.payment.api.PaymentCommand;
import dev.ordersaga.participants.support.MemoryInbox;
import dev.ordersaga.participants.support.Participant;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentHandlerTest {

    private static final String CHARGE = "{\"customerId\": \"c-1\", \"amount\": 37.5, \"currency\": \"EUR\"}";

    private final Payments payments = new Payments();
    private final PaymentHandler handler = new PaymentHandler(payments);
    private final Participant<PaymentCommand> participant = new Participant<>(handler, CODEC, new MemoryInbox());

    @Test
    void readsDecimalAmountsAsNumbersOrStrings() {
        assertThat(participant.decode(command("ChargePayment", "order-1", "cmd-1", CHARGE)))
                .isEqualTo(new ChargePayment("c-1", new BigDecimal("37.5"), "EUR"));
        assertThat(participant.decode(command("ChargePayment", "order-1", "cmd-1",
                "{\"customerId\": \"c-1\", \"amount\": \"37.50\", \"currency\": \"EUR\"}")))
                .isEqualTo(new ChargePayment("c-1", new BigDecimal("37.50"), "EUR"));
    }

    @Test
    void chargeIsAnsweredPaymentChargedWithOnlyAPaymentId() {
        Envelope reply = participant.process(command("ChargePayment", "order-1", "cmd-1", CHARGE));

        assertThat(reply.type()).isEqualTo("PaymentCharged");
        assertThat(reply.payload().properties()).extracting(Map.Entry::getKey).containsExactly("paymentId");
    }

    @Test
    void sameCommandIdTwiceChargesOnce() {
        Envelope first = participant.process(command("ChargePayment", "order-1", "cmd-1", CHARGE));
        Envelope second = participant.process(command("ChargePayment", "order-1", "cmd-1", CHARGE));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("9962.50");
    }

    @Test
    void refundIsAnsweredPaymentRefundedAndLateChargeIsRefused() {
        participant.process(command("ChargePayment", "order-1", "cmd-1", CHARGE));

        Envelope refunded = participant.process(command("RefundPayment", "order-1", "cmd-2", CHARGE));
        Envelope late = participant.process(command("ChargePayment", "order-1", "cmd-3", CHARGE));

        assertThat(refunded.type()).isEqualTo("PaymentRefunded");
        assertThat(refunded.payload().path("refundedAmount").decimalValue()).isEqualByComparingTo("37.5");
        assertThat(late.type()).isEqualTo("PaymentKO");
        assertThat(late.payload().path("reason").asText()).isEqualTo("order order-1 was already compensated");
        assertThat(payments.creditLeft("c-1")).isEqualByComparingTo("10000");
    }

    @Test
    void payloadsThatDoNotFitAreMalformed() {
        for (String payload : List.of("{}", "{\"customerId\": \"c-1\", \"currency\": \"EUR\"}",
                "{\"customerId\": \"c-1\", \"amount\": -1, \"currency\": \"EUR\"}",
                "{\"customerId\": \"c-1\", \"amount\": \"lots\", \"currency\": \"EUR\"}",
                "{\"amount\": 1, \"currency\": \"EUR\"}",
                "{\"customerId\": \"c-1\", \"amount\": 1}")) {
            assertThatThrownBy(() -> participant.process(command("ChargePayment", "order-1", "cmd-1", payload)))
                    .as(payload)
                    .isInstanceOf(MalformedMessageException.class);
        }
        assertThat(payments.totalCharged()).isZero();
    }

    @Test
    void anotherParticipantsCommandIsMalformed() {
        assertThatThrownBy(() -> participant.decode(command("ReserveInventory", "order-1", "cmd-1", "{}")))
                .isInstanceOf(MalformedMessageException.class);
    }
}

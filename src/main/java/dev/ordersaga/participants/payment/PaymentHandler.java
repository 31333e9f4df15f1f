package dev.ordersaga.participants.payment;

import static dev.ordersaga.participants.payment.api.PaymentContract.CHARGE_PAYMENT;
import static dev.ordersaga.participants.payment.api.PaymentContract.PAYMENT_CHARGED;
import static dev.ordersaga.participants.payment.api.PaymentContract.PAYMENT_KO;
import static dev.ordersaga.participants.payment.api.PaymentContract.PAYMENT_REFUNDED;
import static dev.ordersaga.participants.payment.api.PaymentContract.REFUND_PAYMENT;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.participants.payment.api.ChargePayment;
import dev.ordersaga.participants.payment.api.PaymentCharged;
import dev.ordersaga.participants.payment.api.PaymentCommand;
import dev.ordersaga.participants.payment.api.PaymentContract;
import dev.ordersaga.participants.payment.api.PaymentEvent;
import dev.ordersaga.participants.payment.api.PaymentKO;
import dev.ordersaga.participants.payment.api.PaymentRefunded;
import dev.ordersaga.participants.payment.api.RefundPayment;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.Outcome;
import java.util.Optional;

/** The payment's commands on the wire, applied to {@link Payments}. */
public class PaymentHandler implements CommandHandler<PaymentCommand> {

    private final Payments payments;
    private final EnvelopeCodec codec;

    public PaymentHandler(Payments payments, EnvelopeCodec codec) {
        this.payments = payments;
        this.codec = codec;
    }

    @Override
    public PaymentCommand decode(Envelope command) {
        return switch (command.type()) {
            case CHARGE_PAYMENT -> codec.fromPayload(command.payload(), ChargePayment.class);
            case REFUND_PAYMENT -> codec.fromPayload(command.payload(), RefundPayment.class);
            default -> throw CommandHandler.unknownCommand(PaymentContract.NAME, command, CHARGE_PAYMENT, REFUND_PAYMENT);
        };
    }

    @Override
    public Outcome apply(String orderId, PaymentCommand command) {
        return outcome(switch (command) {
            case ChargePayment charge -> payments.charge(orderId, charge);
            case RefundPayment refund -> payments.refund(orderId, refund);
        });
    }

    @Override
    public Optional<Outcome> refusal(PaymentCommand command, String reason) {
        return command instanceof ChargePayment ? Optional.of(outcome(new PaymentKO(reason))) : Optional.empty();
    }

    static Outcome outcome(PaymentEvent event) {
        return switch (event) {
            case PaymentCharged charged -> new Outcome(PAYMENT_CHARGED, charged);
            case PaymentKO refused -> new Outcome(PAYMENT_KO, refused);
            case PaymentRefunded refunded -> new Outcome(PAYMENT_REFUNDED, refunded);
        };
    }
}

package dev.ordersaga.participants.payment;

import dev.ordersaga.participants.payment.api.ChargePayment;
import dev.ordersaga.participants.payment.api.PaymentCommand;
import dev.ordersaga.participants.payment.api.PaymentEvent;
import dev.ordersaga.participants.payment.api.PaymentKO;
import dev.ordersaga.participants.payment.api.RefundPayment;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The payment's commands, applied to {@link Payments}. */
@Component
@ConditionalOnParticipants
public class PaymentHandler implements CommandHandler<PaymentCommand, PaymentEvent> {

    private final Payments payments;

    public PaymentHandler(Payments payments) {
        this.payments = payments;
    }

    @Override
    public String name() {
        return "payment";
    }

    @Override
    public Class<PaymentCommand> commands() {
        return PaymentCommand.class;
    }

    @Override
    public PaymentEvent apply(String orderId, String commandId, PaymentCommand command) {
        return switch (command) {
            case ChargePayment charge -> payments.charge(orderId, commandId, charge);
            case RefundPayment refund -> payments.refund(orderId, commandId, refund);
        };
    }

    @Override
    public Optional<PaymentEvent> refusal(PaymentCommand command, String reason) {
        return command instanceof ChargePayment ? Optional.of(new PaymentKO(reason)) : Optional.empty();
    }
}

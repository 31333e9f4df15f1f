package dev.ordersaga.participants.payment;

import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.participants.payment.api.PaymentCommand;
import dev.ordersaga.participants.payment.api.PaymentContract;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment participant, unless {@code order-saga.participants[.payment].enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = ParticipantsProperties.PREFIX, name = {"enabled", "payment.enabled"}, havingValue = "true",
        matchIfMissing = true)
class PaymentConfiguration {

    @Bean
    Payments payments(ParticipantsProperties participants) {
        return new Payments(Payments.CREDIT_LIMIT, participants.rememberedOrders());
    }

    @Bean
    Participant<PaymentCommand> paymentParticipant(Payments payments, PaymentProperties properties, EnvelopeCodec codec,
            ParticipantsProperties participants) {
        return new Participant<>(PaymentContract.NAME, PaymentListener.ID, properties, new PaymentHandler(payments, codec), codec,
                participants.rememberedOrders());
    }

    @Bean
    PaymentListener paymentListener(Participant<PaymentCommand> paymentParticipant, CommandReplier replier) {
        return new PaymentListener(paymentParticipant, replier);
    }
}

package dev.ordersaga.participants.notification;

import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.participants.notification.api.NotificationContract;
import dev.ordersaga.participants.notification.api.NotifyCustomer;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantsProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notification participant, unless {@code order-saga.participants[.notification].enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = ParticipantsProperties.PREFIX, name = {"enabled", "notification.enabled"}, havingValue = "true",
        matchIfMissing = true)
class NotificationConfiguration {

    @Bean
    Notifications notifications(ParticipantsProperties participants) {
        return new Notifications(Clock.systemUTC(), participants.rememberedOrders());
    }

    @Bean
    Participant<NotifyCustomer> notificationParticipant(Notifications notifications, NotificationProperties properties, EnvelopeCodec codec,
            ParticipantsProperties participants) {
        return new Participant<>(NotificationContract.NAME, NotificationListener.ID, properties,
                new NotificationHandler(notifications, codec), codec, participants.rememberedOrders());
    }

    @Bean
    NotificationListener notificationListener(Participant<NotifyCustomer> notificationParticipant, CommandReplier replier) {
        return new NotificationListener(notificationParticipant, replier);
    }
}

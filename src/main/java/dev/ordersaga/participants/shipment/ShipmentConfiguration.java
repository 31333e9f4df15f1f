package dev.ordersaga.participants.shipment;

import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.participants.shipment.api.ShipmentCommand;
import dev.ordersaga.participants.shipment.api.ShipmentContract;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shipment participant, unless {@code order-saga.participants[.shipment].enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = ParticipantsProperties.PREFIX, name = {"enabled", "shipment.enabled"}, havingValue = "true",
        matchIfMissing = true)
class ShipmentConfiguration {

    @Bean
    Shipments shipments(ParticipantsProperties participants) {
        return new Shipments(participants.rememberedOrders());
    }

    @Bean
    Participant<ShipmentCommand> shipmentParticipant(Shipments shipments, ShipmentProperties properties, EnvelopeCodec codec,
            ParticipantsProperties participants) {
        return new Participant<>(ShipmentContract.NAME, ShipmentListener.ID, properties, new ShipmentHandler(shipments, codec), codec,
                participants.rememberedOrders());
    }

    @Bean
    ShipmentListener shipmentListener(Participant<ShipmentCommand> shipmentParticipant, CommandReplier replier) {
        return new ShipmentListener(shipmentParticipant, replier);
    }
}

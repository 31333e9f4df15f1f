package dev.ordersaga.participants.inventory;

import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.participants.inventory.api.InventoryCommand;
import dev.ordersaga.participants.inventory.api.InventoryContract;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inventory participant, unless {@code order-saga.participants[.inventory].enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = ParticipantsProperties.PREFIX, name = {"enabled", "inventory.enabled"}, havingValue = "true",
        matchIfMissing = true)
class InventoryConfiguration {

    @Bean
    Inventory inventory(ParticipantsProperties participants) {
        return Inventory.withDemoStock(participants.rememberedOrders());
    }

    @Bean
    Participant<InventoryCommand> inventoryParticipant(Inventory inventory, InventoryProperties properties, EnvelopeCodec codec,
            ParticipantsProperties participants) {
        return new Participant<>(InventoryContract.NAME, InventoryListener.ID, properties, new InventoryHandler(inventory, codec), codec,
                participants.rememberedOrders());
    }

    @Bean
    InventoryListener inventoryListener(Participant<InventoryCommand> inventoryParticipant, CommandReplier replier) {
        return new InventoryListener(inventoryParticipant, replier);
    }
}

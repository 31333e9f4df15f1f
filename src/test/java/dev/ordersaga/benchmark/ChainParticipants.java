package dev.ordersaga.benchmark;

import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.participants.inventory.Inventory;
import dev.ordersaga.participants.inventory.InventoryHandler;
import dev.ordersaga.participants.inventory.InventoryProperties;
import dev.ordersaga.participants.notification.NotificationHandler;
import dev.ordersaga.participants.notification.NotificationProperties;
import dev.ordersaga.participants.notification.Notifications;
import dev.ordersaga.participants.payment.PaymentHandler;
import dev.ordersaga.participants.payment.PaymentProperties;
import dev.ordersaga.participants.payment.Payments;
import dev.ordersaga.participants.shipment.ShipmentHandler;
import dev.ordersaga.participants.shipment.ShipmentProperties;
import dev.ordersaga.participants.shipment.Shipments;
import dev.ordersaga.participants.support.CommandListener;
import dev.ordersaga.participants.support.CommandReplier;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantsKafkaConfiguration;
import dev.ordersaga.participants.support.ParticipantSettings;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The reference participants once more, for the Kafka chain: the same handlers over the same state
 * (the application's {@code Inventory}, {@code Payments}, {@code Shipments}, {@code Notifications}
 * beans), the same {@link Participant} pipeline, {@link CommandReplier} and listener settings
 * (concurrency, one record per poll, the default container factory), but on topics of their own
 * ({@value #PREFIX}…), so that neither the bridge nor the tracking projection sees the chain's messages.
 *
 * <p>Deliberately not a {@code @Configuration}: the benchmark registers it as a source of its application
 * context; the application's component scan, which also sees the test classpath, must not find it.
 */
public class ChainParticipants {

    static final String PREFIX = "bench-chain-";
    static final List<String> PARTICIPANTS = List.of("inventory", "payment", "shipment", "notification");

    static String commandTopic(String participant) {
        return PREFIX + participant + "-commands";
    }

    static String eventTopic(String participant) {
        return PREFIX + participant + "-events";
    }

    /** The participant settings of the chain: the original's concurrency, the chain's topics. */
    record ChainSettings(String participant, int concurrency) implements ParticipantSettings {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public String commandTopic() {
            return ChainParticipants.commandTopic(participant);
        }

        @Override
        public String eventTopic() {
            return ChainParticipants.eventTopic(participant);
        }
    }

    @Bean
    KafkaAdmin.NewTopics benchmarkChainTopics(MessagingProperties messaging) {
        return new KafkaAdmin.NewTopics(PARTICIPANTS.stream()
                .flatMap(p -> java.util.stream.Stream.of(commandTopic(p), eventTopic(p)))
                .map(name -> KafkaMessaging.topic(messaging, name))
                .toArray(NewTopic[]::new));
    }

    @Bean
    InventoryChain benchmarkChainInventory(Inventory inventory, InventoryProperties properties, EnvelopeCodec codec, CommandReplier replier) {
        return new InventoryChain(new Participant<>("inventory", InventoryChain.ID, new ChainSettings("inventory", properties.concurrency()),
                new InventoryHandler(inventory, codec), codec), replier);
    }

    @Bean
    PaymentChain benchmarkChainPayment(Payments payments, PaymentProperties properties, EnvelopeCodec codec, CommandReplier replier) {
        return new PaymentChain(new Participant<>("payment", PaymentChain.ID, new ChainSettings("payment", properties.concurrency()),
                new PaymentHandler(payments, codec), codec), replier);
    }

    @Bean
    ShipmentChain benchmarkChainShipment(Shipments shipments, ShipmentProperties properties, EnvelopeCodec codec, CommandReplier replier) {
        return new ShipmentChain(new Participant<>("shipment", ShipmentChain.ID, new ChainSettings("shipment", properties.concurrency()),
                new ShipmentHandler(shipments, codec), codec), replier);
    }

    @Bean
    NotificationChain benchmarkChainNotification(Notifications notifications, NotificationProperties properties, EnvelopeCodec codec,
            CommandReplier replier) {
        return new NotificationChain(new Participant<>("notification", NotificationChain.ID,
                new ChainSettings("notification", properties.concurrency()), new NotificationHandler(notifications, codec), codec), replier);
    }

    // One listener class per participant, as in the application (InventoryListener etc.): the same annotation.

    public static class InventoryChain extends CommandListener {
        static final String ID = PREFIX + "inventory";

        InventoryChain(Participant<?> participant, CommandReplier replier) {
            super(participant, replier);
        }

        @KafkaListener(id = ID, groupId = ID, topics = "#{__listener.commandTopic()}", concurrency = "#{__listener.concurrency()}",
                properties = CONSUMER_PROPERTIES, containerFactory = ParticipantsKafkaConfiguration.FACTORY)
        public void onCommands(List<ConsumerRecord<String, String>> records) {
            answer(records);
        }
    }

    public static class PaymentChain extends CommandListener {
        static final String ID = PREFIX + "payment";

        PaymentChain(Participant<?> participant, CommandReplier replier) {
            super(participant, replier);
        }

        @KafkaListener(id = ID, groupId = ID, topics = "#{__listener.commandTopic()}", concurrency = "#{__listener.concurrency()}",
                properties = CONSUMER_PROPERTIES, containerFactory = ParticipantsKafkaConfiguration.FACTORY)
        public void onCommands(List<ConsumerRecord<String, String>> records) {
            answer(records);
        }
    }

    public static class ShipmentChain extends CommandListener {
        static final String ID = PREFIX + "shipment";

        ShipmentChain(Participant<?> participant, CommandReplier replier) {
            super(participant, replier);
        }

        @KafkaListener(id = ID, groupId = ID, topics = "#{__listener.commandTopic()}", concurrency = "#{__listener.concurrency()}",
                properties = CONSUMER_PROPERTIES, containerFactory = ParticipantsKafkaConfiguration.FACTORY)
        public void onCommands(List<ConsumerRecord<String, String>> records) {
            answer(records);
        }
    }

    public static class NotificationChain extends CommandListener {
        static final String ID = PREFIX + "notification";

        NotificationChain(Participant<?> participant, CommandReplier replier) {
            super(participant, replier);
        }

        @KafkaListener(id = ID, groupId = ID, topics = "#{__listener.commandTopic()}", concurrency = "#{__listener.concurrency()}",
                properties = CONSUMER_PROPERTIES, containerFactory = ParticipantsKafkaConfiguration.FACTORY)
        public void onCommands(List<ConsumerRecord<String, String>> records) {
            answer(records);
        }
    }
}

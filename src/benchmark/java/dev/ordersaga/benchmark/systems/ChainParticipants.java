package dev.ordersaga.benchmark.systems;

import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.observability.SagaTracing;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.Participant;
import dev.ordersaga.participants.support.ParticipantListeners;
import dev.ordersaga.participants.support.ParticipantSettings;
import dev.ordersaga.participants.support.ParticipantsConfiguration;
import dev.ordersaga.participants.support.store.CommandInbox;
import dev.ordersaga.participants.support.store.OutboxRelay;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The reference participants once more, for the Kafka chain: the same handlers over the same state (the application's
 * {@link CommandHandler} beans), the same {@link Participant} pipeline, settings, listener registration and replies
 * ({@link ParticipantListeners}), but on topics of their own ({@value #PREFIX}…) and listener ids of their
 * own ({@value #PREFIX}{@code <name>}), so that neither the bridge nor the tracking projection sees the chain's messages.
 *
 * <p>Deliberately not a {@code @Configuration}: the benchmark registers it as a source of its application context.
 */
public class ChainParticipants {

    public static final String PREFIX = "bench-chain-";
    public static final List<String> PARTICIPANTS = List.of("inventory", "payment", "shipment", "notification");

    public static String commandTopic(String participant) {
        return PREFIX + participant + "-commands";
    }

    public static String eventTopic(String participant) {
        return PREFIX + participant + "-events";
    }

    @Bean
    public KafkaAdmin.NewTopics benchmarkChainTopics(MessagingProperties messaging) {
        return new KafkaAdmin.NewTopics(PARTICIPANTS.stream()
                .flatMap(p -> Stream.of(commandTopic(p), eventTopic(p)))
                .map(name -> KafkaMessaging.topic(messaging, name))
                .toArray(NewTopic[]::new));
    }

    /** Declared as a {@link KafkaListenerConfigurer} only, so that the application's {@link ParticipantListeners} stays the one of its type. */
    @Bean
    public KafkaListenerConfigurer benchmarkChainListeners(ParticipantListeners application, EnvelopeCodec codec, OutboxRelay relay,
            SagaTracing tracing, CommandInbox inbox, KafkaListenerEndpointRegistry registry,
            @Qualifier(ParticipantsConfiguration.FACTORY) ConcurrentKafkaListenerContainerFactory<Object, Object> factory) {
        List<Participant> chain = application.participants().stream()
                .map(p -> chainCopy(p, codec, inbox))
                .toList();
        return new ParticipantListeners(chain, relay, tracing, factory, registry);
    }

    private static Participant chainCopy(Participant original, EnvelopeCodec codec, CommandInbox inbox) {
        String name = original.name();
        ParticipantSettings settings = original.settings();
        var onChainTopics = new ParticipantSettings(settings.enabled(), settings.concurrency(), commandTopic(name), eventTopic(name));
        return new Participant(original.handler(), PREFIX + name, onChainTopics, codec, inbox);
    }
}

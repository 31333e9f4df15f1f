package dev.ordersaga.participants.support;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.util.ReflectionUtils;

/**
 * One listener container per participant, registered with Spring Kafka's listener registry (so {@code
 * KafkaListenerEndpointRegistry#getListenerContainer(listenerId)} finds it) as a {@code @KafkaListener} would be: the
 * participant's listener id as container id and consumer group, its command topic and concurrency, batches of at most
 * {@value #MAX_POLL_RECORDS} commands answered by {@link CommandReplier}. The one registration of every participant,
 * the application's and the benchmark's.
 *
 * @param participants the participants, each with its settings
 * @param factory the container factory, {@link ParticipantsConfiguration#FACTORY}'s
 */
public record ParticipantListeners(List<Participant<?>> participants, CommandReplier replier, KafkaListenerContainerFactory<?> factory)
        implements KafkaListenerConfigurer {

    /**
     * At most this many commands per batch: an injected delay (at most {@link Faults#MAX_DELAY}) holds a batch once, so
     * it stays under {@code max.poll.interval.ms}.
     */
    public static final int MAX_POLL_RECORDS = 200;

    private static final Method ON_COMMANDS = ReflectionUtils.findMethod(Listener.class, "onCommands", List.class);

    public ParticipantListeners {
        participants = List.copyOf(participants);
    }

    /** The participant of this name, if it runs here. */
    public Optional<Participant<?>> find(String name) {
        return participants.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        var handlerMethods = new DefaultMessageHandlerMethodFactory();
        handlerMethods.afterPropertiesSet();
        var consumerProperties = new Properties();
        consumerProperties.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
        for (Participant<?> participant : participants) {
            var endpoint = new MethodKafkaListenerEndpoint<String, String>();
            endpoint.setId(participant.listenerId());
            endpoint.setGroupId(participant.listenerId());
            endpoint.setTopics(participant.settings().commandTopic());
            endpoint.setConcurrency(participant.settings().concurrency());
            endpoint.setConsumerProperties(consumerProperties);
            endpoint.setBatchListener(true);
            endpoint.setBean(new Listener(participant, replier));
            endpoint.setMethod(ON_COMMANDS);
            endpoint.setMessageHandlerMethodFactory(handlerMethods);
            registrar.registerEndpoint(endpoint, factory);
        }
    }

    /** The listener of one participant: the batch method the container calls. */
    public record Listener(Participant<?> participant, CommandReplier replier) {

        public void onCommands(List<ConsumerRecord<String, String>> records) {
            replier.answer(records, participant);
        }
    }
}

package dev.ordersaga.messaging;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** Listener containers started at run time, for topics that appear after start-up (e.g. of a step deployed later). */
public final class ListenerContainers {

    private ListenerContainers() {}

    /**
     * Starts a container of {@code factory}'s settings for {@code topics}; the caller stops it.
     *
     * @param listener a message listener of the kind the factory's containers take (e.g. a batch listener)
     * @param concurrency consumers, or null for the factory's setting
     */
    public static ConcurrentMessageListenerContainer<Object, Object> start(ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
            String groupId, String name, Object listener, Integer concurrency, String... topics) {
        ConcurrentMessageListenerContainer<Object, Object> container = factory.createContainer(topics);
        container.getContainerProperties().setGroupId(groupId);
        container.getContainerProperties().setMessageListener(listener);
        container.setBeanName(name);
        if (concurrency != null) {
            container.setConcurrency(concurrency);
        }
        container.start();
        return container;
    }

    /** The records of a container of {@code <Object, Object>} as what they are: text keys and values. */
    @SuppressWarnings("unchecked")
    public static List<ConsumerRecord<String, String>> strings(List<ConsumerRecord<Object, Object>> records) {
        return (List<ConsumerRecord<String, String>>) (List<?>) records;
    }
}

package dev.ordersaga.bridge;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.messaging.ListenerContainers;
import dev.ordersaga.messaging.Topics;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The event topics the outcome listener consumes. At start-up they are those of the models on the classpath
 * ({@link SagaStepCatalog}); a step of a model deployed later by anyone else (Camunda Modeler, a CI pipeline, a newer
 * application version during a rolling update) names its event topic in its task headers, and the first of its jobs
 * that an instance activates makes that instance consume the topic too (same consumer group, same listener), before
 * the command is sent. Its topics are created if they do not exist. After a restart an instance consumes such a topic
 * again from the first job of that step it activates (a waiting job comes back after its time-out); the other
 * instances go on consuming it meanwhile. It announces such topics ({@link StepTopicsAdded}), e.g. for order tracking.
 */
@ConditionalOnSaga
@Component
public class EventTopics implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventTopics.class);

    private final Set<String> consumed = ConcurrentHashMap.newKeySet();
    private final List<ConcurrentMessageListenerContainer<Object, Object>> containers = new CopyOnWriteArrayList<>();
    private final ConcurrentKafkaListenerContainerFactory<Object, Object> factory;
    private final Topics topics;
    private final OutcomeListener listener;
    private final BridgeProperties properties;
    private final ApplicationEventPublisher publisher;

    /** A step's topics were added at run time (they are not those of a model known at start-up). */
    public record StepTopicsAdded(SagaStep step) {}

    public EventTopics(SagaStepCatalog catalog, @Qualifier(BridgeKafkaConfiguration.BATCH_FACTORY) ConcurrentKafkaListenerContainerFactory<Object,
            Object> factory, Topics topics, OutcomeListener listener, BridgeProperties properties, ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.factory = factory;
        this.topics = topics;
        this.listener = listener;
        this.properties = properties;
        consumed.addAll(catalog.eventTopics());
    }

    /**
     * Makes sure the step's event topic is consumed and its topics exist.
     *
     * @throws org.apache.kafka.common.KafkaException if a topic cannot be created (e.g. an invalid name)
     */
    public void ensureConsumed(SagaStep step) {
        if (consumed.contains(step.eventTopic())) {
            return;
        }
        synchronized (this) {
            if (consumed.contains(step.eventTopic())) {
                return;
            }
            topics.create(step.commandTopic(), step.eventTopic());
            BatchMessageListener<Object, Object> events = records -> listener.onEvents(ListenerContainers.strings(records));
            containers.add(ListenerContainers.start(factory, properties.groupId(), "order-saga-bridge-" + step.eventTopic(), events,
                    properties.concurrency(), step.eventTopic()));
            consumed.add(step.eventTopic());
            log.info("Step {} ({}) answers on {}, which no model known at start-up names: now consuming it", step.elementId(), step.commandType(),
                    step.eventTopic());
            publisher.publishEvent(new StepTopicsAdded(step));
        }
    }

    /** The topics consumed now. */
    public Set<String> consumed() {
        return Set.copyOf(consumed);
    }

    @Override
    public void destroy() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
    }
}

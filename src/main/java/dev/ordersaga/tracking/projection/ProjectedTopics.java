package dev.ordersaga.tracking.projection;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.bridge.EventTopics;
import dev.ordersaga.messaging.ListenerContainers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The projection reads the topics of a step added at run time too (a model deployed from Modeler while the application
 * runs): when the bridge starts to use a step's topics ({@link EventTopics.StepTopicsAdded}), the projection consumes
 * them as well, in its own group, through the same listener.
 */
@ConditionalOnSaga
@Component
class ProjectedTopics implements DisposableBean {

    private final Set<String> projected = ConcurrentHashMap.newKeySet();
    private final List<ConcurrentMessageListenerContainer<Object, Object>> containers = new CopyOnWriteArrayList<>();
    private final ConcurrentKafkaListenerContainerFactory<Object, Object> factory;
    private final OrderProjector projector;
    private final TrackingProperties properties;

    ProjectedTopics(MessageClassifier classifier,
            @Qualifier(ProjectionConfiguration.PROJECTION_FACTORY) ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
            OrderProjector projector, TrackingProperties properties) {
        this.factory = factory;
        this.projector = projector;
        this.properties = properties;
        projected.addAll(List.of(classifier.topics()));
    }

    @EventListener
    synchronized void onStepTopicsAdded(EventTopics.StepTopicsAdded added) {
        var topics = new ArrayList<String>();
        for (String topic : List.of(added.step().commandTopic(), added.step().eventTopic())) {
            if (projected.add(topic)) {
                topics.add(topic);
            }
        }
        if (!topics.isEmpty()) {
            BatchConsumerAwareMessageListener<Object, Object> batches = (records, consumer) -> projector.onBatch(ListenerContainers.strings(records),
                    consumer);
            containers.add(ListenerContainers.start(factory, properties.projectionGroup(), "order-projection-" + String.join("-", topics), batches,
                    null, topics.toArray(String[]::new)));
        }
    }

    @Override
    public void destroy() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
    }
}

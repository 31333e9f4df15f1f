package dev.ordersaga.tracking;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.order.OrderState;
import java.util.LinkedHashSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Projects every command, outcome event and state change into {@link OrderViews}. Each instance reads
 * all partitions from the beginning with a consumer group of its own. A record that is not a valid
 * envelope is parked on the dead-letter topic by the shared error handler.
 */
@ConditionalOnSaga
@Component
public class OrderTracker {

    private static final Logger log = LoggerFactory.getLogger(OrderTracker.class);

    private final OrderViews views;
    private final EnvelopeCodec codec;
    private final SagaStepCatalog catalog;
    private final MessagingProperties messaging;

    public OrderTracker(OrderViews views, EnvelopeCodec codec, SagaStepCatalog catalog, MessagingProperties messaging) {
        this.views = views;
        this.codec = codec;
        this.catalog = catalog;
        this.messaging = messaging;
    }

    /** Every topic the saga writes to. */
    public static String[] topics(SagaStepCatalog catalog, MessagingProperties messaging) {
        var topics = new LinkedHashSet<String>();
        topics.add(messaging.orderStateTopic());
        topics.addAll(catalog.commandTopics());
        topics.addAll(catalog.eventTopics());
        return topics.toArray(String[]::new);
    }

    @KafkaListener(id = "order-tracker",
            topics = "#{T(dev.ordersaga.tracking.OrderTracker).topics(@sagaStepCatalog, "
                    + "@'order-saga.messaging-dev.ordersaga.messaging.MessagingProperties')}",
            groupId = "order-saga-tracker-${random.uuid}")
    public void onMessage(ConsumerRecord<String, String> record) {
        Envelope message = codec.read(record.value());
        String topic = record.topic();
        if (topic.equals(messaging.orderStateTopic())) {
            OrderState state = OrderState.parse(message.type());
            if (state == null) {
                log.warn("Ignoring unknown order state {} for order {}", message.type(), message.orderId());
                return;
            }
            views.applyState(message, state);
        } else if (catalog.commandTopics().contains(topic)) {
            views.applyExchange(message, "command", step(topic));
        } else {
            views.applyExchange(message, "event", step(topic));
        }
    }

    /** {@code inventory-commands} and {@code inventory-events} are both step {@code inventory}. */
    static String step(String topic) {
        return topic.replaceFirst("-(commands|events)$", "");
    }
}

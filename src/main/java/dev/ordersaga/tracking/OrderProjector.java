package dev.ordersaga.tracking;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.bridge.Outcome;
import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.bridge.StepHeader;
import dev.ordersaga.messaging.DeadLetters;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.observability.ProjectionMetrics;
import dev.ordersaga.order.OrderState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Projects every command, outcome event and state change the saga writes to Kafka into Elasticsearch
 * ({@link OrderStore}). All instances of one document layout share one consumer group ({@link
 * TrackingProperties#projectionGroup()}), so each message is projected once per layout; a new layout starts
 * a new group, which builds its index from the topics, and moves the alias to it once it has caught up;
 * the offsets of a batch are committed only after Elasticsearch
 * accepted all its writes, and a batch it did not accept is retried with back-off until it does. The saga
 * itself never waits for this: when Elasticsearch is down or slow, only the projection lags, and it
 * catches up from the topics when Elasticsearch is back.
 *
 * <p>A record that is not a valid envelope can never be projected. One on the order state topic, which only the
 * projection reads, is parked on the dead-letter topic once the rest of its batch is written (a batch that is retried
 * parks it again: at least once); one on a command or event topic is skipped here, as the consumer that owns that topic
 * (the participant, the bridge) parks it.
 */
@ConditionalOnSaga
@Component
public class OrderProjector {

    private static final Logger log = LoggerFactory.getLogger(OrderProjector.class);

    private final OrderStore store;
    private final OrderIndices indices;
    private final EnvelopeCodec codec;
    private final SagaStepCatalog catalog;
    private final MessagingProperties messaging;
    private final ProjectionPace pace;
    private final ProjectionMetrics metrics;
    private final DeadLetters deadLetters;

    @Autowired
    public OrderProjector(OrderStore store, OrderIndices indices, EnvelopeCodec codec, SagaStepCatalog catalog, MessagingProperties messaging,
            TrackingProperties tracking, ProjectionMetrics metrics, DeadLetters deadLetters) {
        this(store, indices, codec, catalog, messaging, ProjectionPace.of(tracking), metrics, deadLetters);
    }

    public OrderProjector(OrderStore store, OrderIndices indices, EnvelopeCodec codec, SagaStepCatalog catalog, MessagingProperties messaging,
            ProjectionPace pace, ProjectionMetrics metrics, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.pace = pace;
        this.metrics = metrics;
        this.store = store;
        this.indices = indices;
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

    @KafkaListener(id = "order-projection",
            topics = "#{T(dev.ordersaga.tracking.OrderProjector).topics(@sagaStepCatalog, "
                    + "@'order-saga.messaging-dev.ordersaga.messaging.MessagingProperties')}",
            groupId = "#{@'order-saga.tracking-dev.ordersaga.tracking.TrackingProperties'.projectionGroup()}",
            containerFactory = TrackingConfiguration.PROJECTION_FACTORY, batch = "true")
    public void onBatch(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
        long started = System.nanoTime();
        metrics.batchStarted(records, consumer);
        var messages = new ArrayList<ProjectedMessage>(records.size());
        var malformed = new ArrayList<Malformed>();
        for (ConsumerRecord<String, String> record : records) {
            classify(record, malformed).map(message -> message.withElement(element(record))).ifPresent(messages::add);
        }
        long writing = System.nanoTime();
        try {
            store.project(messages);
            metrics.batchWritten(records, consumer, System.nanoTime() - writing);
        } catch (IOException | RuntimeException e) {
            log.warn("Projecting {} messages into Elasticsearch failed ({}); the batch is retried with back-off, its offsets stay uncommitted",
                    messages.size(), e.toString());
            // Failed at index 0: the container seeks every partition of the batch back and polls it again after the
            // back-off. (A batch retried in memory instead would commit its offsets when it finally succeeds, even
            // for partitions a rebalance gave to another instance meanwhile, moving their committed offsets back.)
            throw new BatchListenerFailedException("Projecting a batch of " + messages.size() + " messages failed", e, 0);
        }
        park(malformed);
        boolean caughtUp = caughtUp(consumer);
        if (!indices.aliasHere() && caughtUp) {
            try {
                indices.promote();
            } catch (IOException | RuntimeException e) {
                log.warn("Could not move alias {} to {} yet ({}); trying again after the next batch", OrderIndices.ORDERS, OrderIndices.CURRENT,
                        e.toString());
            }
        }
        try {
            pace.pause(!caughtUp, started);
        } catch (InterruptedException e) {
            // The container is stopping: the batch is written, its offsets are committed on the way out.
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this consumer has read everything there is on each of its partitions. */
    private static boolean caughtUp(Consumer<?, ?> consumer) {
        var assignment = consumer.assignment();
        return !assignment.isEmpty() && assignment.stream().allMatch(partition -> consumer.currentLag(partition).orElse(1) == 0);
    }

    /** A record of the order state topic that is not an envelope, to park once its batch is written. */
    private record Malformed(ConsumerRecord<String, String> record, MalformedMessageException reason) {}

    /**
     * Parks the order state topic's malformed records of a batch that was written. If parking fails, the batch is retried
     * (its writes change nothing the second time), so none is lost.
     */
    private void park(List<Malformed> malformed) {
        for (Malformed record : malformed) {
            try {
                deadLetters.park(record.record(), "Not an order state message: " + record.reason().getMessage(), record.reason());
            } catch (RuntimeException e) {
                log.warn("Could not park {}-{}@{} ({}); the batch is retried", record.record().topic(), record.record().partition(),
                        record.record().offset(), e.toString());
                throw new BatchListenerFailedException("Parking a malformed order state record failed", e, 0);
            }
        }
    }

    private Optional<ProjectedMessage> classify(ConsumerRecord<String, String> record, List<Malformed> malformed) {
        Envelope message;
        try {
            message = codec.read(record.value());
        } catch (MalformedMessageException e) {
            if (record.topic().equals(messaging.orderStateTopic())) {
                malformed.add(new Malformed(record, e));
            } else {
                log.warn("Not projecting {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
            return Optional.empty();
        }
        String topic = record.topic();
        if (topic.equals(messaging.orderStateTopic())) {
            OrderState state = OrderState.parse(message.type());
            // Not a state (e.g. the bridge's StepIncident notice): part of the history, changes no state.
            return Optional.of(state == null ? ProjectedMessage.notice(message, topic) : ProjectedMessage.state(message, state, topic));
        }
        String kind = isCommand(record, topic) ? ProjectedMessage.COMMAND : ProjectedMessage.EVENT;
        var exchange = ProjectedMessage.exchange(message, kind, topic);
        return Optional.of(kind.equals(ProjectedMessage.EVENT) ? exchange.withOutcome(outcome(classify(record, message))) : exchange);
    }

    /** A command names its own type as the command type; a reply echoes its command's type beside its own. */
    private boolean isCommand(ConsumerRecord<String, String> record, String topic) {
        String commandType = KafkaMessaging.header(record, MessageHeaders.COMMAND_TYPE);
        if (commandType == null) {
            return catalog.commandTopics().contains(topic);
        }
        return commandType.equals(KafkaMessaging.header(record, MessageHeaders.MESSAGE_TYPE));
    }

    /**
     * What an event means for its step, by the model version its command was sent from (the step the reply echoes, see
     * {@link StepHeader}); by the models known at start-up for a reply that does not echo it.
     */
    private Outcome classify(ConsumerRecord<String, String> record, Envelope message) {
        try {
            return StepHeader.read(record, codec.mapper()).map(step -> step.classify(message.type())).orElseGet(() -> catalog.classify(message.type()));
        } catch (MalformedMessageException e) {
            log.warn("Classifying {}-{}@{} by the models known at start-up: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return catalog.classify(message.type());
        }
    }

    /** The BPMN element named in the record's headers, or null when it names none (or not readably). */
    static ProjectedMessage.BpmnElement element(ConsumerRecord<String, String> record) {
        String elementId = KafkaMessaging.header(record, MessageHeaders.ELEMENT_ID);
        if (elementId == null) {
            return null;
        }
        return new ProjectedMessage.BpmnElement(elementId, KafkaMessaging.header(record, MessageHeaders.PROCESS_ID),
                number(KafkaMessaging.header(record, MessageHeaders.PROCESS_DEFINITION_KEY), Long::valueOf),
                number(KafkaMessaging.header(record, MessageHeaders.PROCESS_VERSION), Integer::valueOf),
                KafkaMessaging.header(record, MessageHeaders.STEP_NAME));
    }

    private static <T> T number(String text, Function<String, T> parse) {
        try {
            return text == null ? null : parse.apply(text);
        } catch (NumberFormatException e) {
            log.warn("Ignoring the malformed number '{}' in a BPMN element header", text);
            return null;
        }
    }

    private static String outcome(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Success success -> HistoryEntry.SUCCESS;
            case Outcome.BusinessFailure failure -> HistoryEntry.FAILURE;
            case Outcome.TechnicalFailure technical -> HistoryEntry.TECHNICAL;
        };
    }
}

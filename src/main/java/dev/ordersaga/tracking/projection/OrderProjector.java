package dev.ordersaga.tracking.projection;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.messaging.DeadLetters;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.observability.ProjectionMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Projects every command, outcome event and state change the saga writes to Kafka into Elasticsearch
 * ({@link OrderWriter}). All instances of one document layout share one consumer group ({@link
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

    private final OrderWriter writer;
    private final MessageClassifier classifier;
    private final ProjectionPace pace;
    private final ProjectionMetrics metrics;
    private final DeadLetters deadLetters;

    public OrderProjector(OrderWriter writer, MessageClassifier classifier, ProjectionPace pace, ProjectionMetrics metrics, DeadLetters deadLetters) {
        this.writer = writer;
        this.classifier = classifier;
        this.pace = pace;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = "order-projection", topics = "#{@messageClassifier.topics()}",
            groupId = "#{@'order-saga.tracking-dev.ordersaga.tracking.projection.TrackingProperties'.projectionGroup()}",
            containerFactory = ProjectionConfiguration.PROJECTION_FACTORY, batch = "true")
    public void onBatch(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
        long started = System.nanoTime();
        metrics.batchStarted(records, consumer);
        var messages = new ArrayList<ProjectedMessage>(records.size());
        var malformed = new ArrayList<Malformed>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                messages.add(classifier.classify(record));
            } catch (MalformedMessageException e) {
                if (classifier.parksMalformed(record)) {
                    malformed.add(new Malformed(record, e));
                } else {
                    log.warn("Not projecting {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                }
            }
        }
        long writing = System.nanoTime();
        try {
            writer.project(messages);
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
        if (caughtUp) {
            writer.caughtUp();
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
}

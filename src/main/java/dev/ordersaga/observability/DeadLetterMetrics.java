package dev.ordersaga.observability;

import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessagingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.stereotype.Component;

/**
 * Counts the records parked on the dead-letter topic, by the topic they came from ({@code
 * order_saga_dead_letter_records_total{source_topic}}), whoever parked them ({@code DeadLetters}, or the
 * listeners' error handler): it is the application's Kafka producer listener, so it sees every acknowledged
 * send, and it still logs failed sends as Spring Boot's default listener does. Per send it compares one topic
 * name; the counters of the application's topics exist from the start, any other source is {@value
 * SagaMetrics#OTHER}.
 */
@Component("kafkaProducerListener")
public class DeadLetterMetrics extends LoggingProducerListener<Object, Object> {

    private final String deadLetterTopic;
    private final MeterRegistry registry;
    private final Map<String, Counter> bySource = new ConcurrentHashMap<>();

    public DeadLetterMetrics(MeterRegistry registry, MessagingProperties messaging, ObjectProvider<SagaStepCatalog> catalog) {
        this.registry = registry;
        this.deadLetterTopic = messaging.deadLetterTopic();
        var topics = new LinkedHashSet<String>();
        topics.add(messaging.orderStateTopic());
        catalog.ifAvailable(steps -> {
            topics.addAll(steps.commandTopics());
            topics.addAll(steps.eventTopics());
        });
        topics.add(SagaMetrics.OTHER);
        topics.forEach(this::counter);
    }

    @Override
    public void onSuccess(ProducerRecord<Object, Object> record, RecordMetadata metadata) {
        if (deadLetterTopic.equals(record.topic())) {
            String source = KafkaMessaging.header(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
            Counter counter = source == null ? null : bySource.get(source);
            (counter == null ? bySource.get(SagaMetrics.OTHER) : counter).increment();
        }
    }

    private Counter counter(String sourceTopic) {
        return bySource.computeIfAbsent(sourceTopic, topic -> Counter.builder("order.saga.dead.letter.records")
                .description("Records parked on the dead-letter topic, by the topic they came from")
                .tag("source_topic", topic)
                .register(registry));
    }
}

package dev.ordersaga.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records everything written to some topics, from their beginning, on a thread of its own, so that a test
 * can assert what was sent (and how often) without taking messages away from the application.
 */
public final class TopicProbe implements AutoCloseable {

    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final EnvelopeCodec codec;

    public TopicProbe(String bootstrapServers, EnvelopeCodec codec, String... topics) {
        this.codec = codec;
        var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topics));
        thread = Thread.ofPlatform().daemon().name("topic-probe").start(() -> {
            try (consumer) {
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                }
            }
        });
    }

    /** All records so far. */
    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(records);
    }

    /** The envelopes so far on this topic for this order (records that are not envelopes are skipped). */
    public List<Envelope> messages(String topic, String orderId) {
        return records.stream()
                .filter(r -> r.topic().equals(topic) && orderId.equals(r.key()))
                .map(r -> codec.read(r.value()))
                .toList();
    }

    public List<Envelope> messages(String topic, String orderId, String type) {
        return messages(topic, orderId).stream().filter(m -> m.type().equals(type)).toList();
    }

    public List<ConsumerRecord<String, String>> records(Predicate<ConsumerRecord<String, String>> filter) {
        return records.stream().filter(filter).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5000);
    }
}

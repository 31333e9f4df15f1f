package dev.ordersaga.benchmark.systems;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The benchmark's own readers of topics: a consumer with no group (nothing committed, no rebalances)
 * assigned to every partition of the topics, and a thread that hands each record it polls to a handler.
 */
public final class TopicReader {

    private TopicReader() {}

    /**
     * A consumer assigned to every partition of these topics; the caller positions it (seek to the end or
     * to the beginning).
     *
     * @param settings consumer settings beyond the bootstrap servers, e.g. {@code fetch.max.wait.ms}
     */
    public static KafkaConsumer<String, String> assignedTo(String bootstrapServers, Collection<String> topics, Map<String, Object> settings) {
        var config = new HashMap<String, Object>(settings);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        return consumer;
    }

    /** Positions the consumer at the current end of each of its partitions, before the first order is placed. */
    public static void fromTheEnd(KafkaConsumer<String, String> consumer) {
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
    }

    /** A daemon thread that polls the consumer, hands every record to the handler, and closes it once not running. */
    public static Thread pollUntilStopped(String threadName, KafkaConsumer<String, String> consumer, AtomicBoolean running,
            Consumer<ConsumerRecord<String, String>> handler) {
        return Thread.ofPlatform().daemon().name(threadName).start(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        handler.accept(record);
                    }
                }
            }
        });
    }
}

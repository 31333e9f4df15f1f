package dev.ordersaga.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every topic of the saga from the beginning, with no consumer group (it commits nothing and takes part in no
 * rebalance): per order the messages written for it (id, type, topic, when), and the values parked on the dead-letter
 * topic. The saga's own records (commands and states, written by the application instances) are its progress; the
 * participants' replies are not.
 */
final class TopicRecorder implements AutoCloseable {

    static final List<String> PARTICIPANTS = List.of("inventory", "payment", "shipment", "notification");
    static final String ORDER_STATE = "order-state";
    static final String DEAD_LETTERS = "order-saga-dlt";
    static final Set<String> FINAL_STATES = Set.of("OrderShipped", "OrderFailed");

    /** One message of an order, as written on its topic. */
    record Message(String id, String type, String topic, long timestamp) {

        boolean isSagaProgress() {
            return topic.equals(ORDER_STATE) || topic.endsWith("-commands");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TopicRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<Message>> byOrder = new ConcurrentHashMap<>();
    private final List<String> deadLetters = new ArrayList<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    TopicRecorder(String bootstrapServers) {
        var properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(properties);
        var partitions = new ArrayList<TopicPartition>();
        for (String topic : topics()) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = Thread.ofPlatform().name("soak-topic-recorder").daemon().start(this::poll);
    }

    /** The topics the saga writes and reads, and the dead-letter topic. */
    static List<String> topics() {
        var topics = new ArrayList<String>();
        for (String participant : PARTICIPANTS) {
            topics.add(participant + "-commands");
            topics.add(participant + "-events");
        }
        topics.add(ORDER_STATE);
        topics.add(DEAD_LETTERS);
        return topics;
    }

    private void poll() {
        while (running) {
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    take(record);
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Recorder: {}", e.toString());
            }
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        if (record.topic().equals(DEAD_LETTERS)) {
            synchronized (deadLetters) {
                deadLetters.add(record.value() == null ? "" : record.value());
            }
            return;
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(record.value());
        } catch (Exception e) {
            return; // a malformed record (ours): the dead-letter topic tells where it went
        }
        if (envelope == null || !envelope.hasNonNull("orderId") || !envelope.hasNonNull("id") || !envelope.hasNonNull("type")) {
            return;
        }
        var message = new Message(envelope.get("id").asText(), envelope.get("type").asText(), record.topic(), record.timestamp());
        List<Message> list = byOrder.computeIfAbsent(envelope.get("orderId").asText(), id -> new ArrayList<>());
        synchronized (list) {
            list.add(message);
        }
    }

    /** The messages of an order so far, in the order read. */
    List<Message> messages(String orderId) {
        List<Message> list = byOrder.get(orderId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    Set<String> orderIds() {
        return Set.copyOf(byOrder.keySet());
    }

    /** When the order reached its final state (the first such record), if it did. */
    Optional<Long> finalAt(String orderId) {
        return messages(orderId).stream().filter(m -> m.topic().equals(ORDER_STATE) && FINAL_STATES.contains(m.type()))
                .map(Message::timestamp).min(Long::compare);
    }

    Optional<String> finalState(String orderId) {
        return messages(orderId).stream().filter(m -> m.topic().equals(ORDER_STATE) && FINAL_STATES.contains(m.type()))
                .map(Message::type).findFirst();
    }

    List<String> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
        consumer.close(Duration.ofSeconds(5));
    }
}

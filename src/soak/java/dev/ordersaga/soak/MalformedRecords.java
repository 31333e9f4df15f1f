package dev.ordersaga.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records that can never be processed on every topic the saga reads (the participants' command and event topics,
 * {@code order-state}): one that is not JSON and one that is JSON but no envelope, each carrying a marker of its own so
 * that the audit finds it on the dead-letter topic.
 */
final class MalformedRecords implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private int round;

    MalformedRecords(String bootstrapServers) {
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties);
    }

    /** Writes one round of malformed records; the markers written. */
    synchronized List<String> inject() throws InterruptedException, ExecutionException {
        round++;
        var markers = new ArrayList<String>();
        for (String topic : TopicRecorder.topics()) {
            if (topic.equals(TopicRecorder.DEAD_LETTERS)) {
                continue;
            }
            String notJson = "soak-malformed-" + round + "-" + topic + "-text";
            String notEnvelope = "soak-malformed-" + round + "-" + topic + "-json";
            producer.send(new ProducerRecord<>(topic, notJson, "{" + notJson + " is not JSON")).get();
            producer.send(new ProducerRecord<>(topic, notEnvelope, "{\"soak\":\"" + notEnvelope + "\",\"orderId\":\"" + notEnvelope + "\"}")).get();
            markers.add(notJson);
            markers.add(notEnvelope);
        }
        return markers;
    }

    @Override
    public void close() {
        producer.close();
    }
}

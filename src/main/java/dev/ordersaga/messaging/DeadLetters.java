package dev.ordersaga.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Parks a record that can never be processed on the dead-letter topic, with the same headers as
 * Spring Kafka's {@code DeadLetterPublishingRecoverer} (original topic, partition, offset, exception), and
 * waits for the broker's acknowledgement: a record is only let go once it is safely parked.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, String> kafka;
    private final MessagingProperties properties;

    public DeadLetters(KafkaTemplate<String, String> kafka, MessagingProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    public void park(ConsumerRecord<String, String> record, String reason, Throwable cause) {
        var parked = new ProducerRecord<String, String>(properties.deadLetterTopic(), record.key(), record.value());
        record.headers().forEach(parked.headers()::add);
        parked.headers()
                .add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(record.topic()))
                .add(KafkaHeaders.DLT_ORIGINAL_PARTITION, bytes(Integer.toString(record.partition())))
                .add(KafkaHeaders.DLT_ORIGINAL_OFFSET, bytes(Long.toString(record.offset())))
                .add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, bytes(reason))
                .add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes(cause == null ? "" : cause.getClass().getName()));
        try {
            kafka.send(parked).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while parking " + where(record), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not park " + where(record) + " on " + properties.deadLetterTopic(), e);
        }
        log.warn("Parked {} on {}: {}", where(record), properties.deadLetterTopic(), reason);
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

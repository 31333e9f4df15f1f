package dev.ordersaga.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends an envelope the one way every sender here does: keyed by its order id (all of an order's messages in one
 * partition, in order), its type in the {@link MessageHeaders#MESSAGE_TYPE} header, then the headers given (a null value
 * is left out).
 */
@Component
public class EnvelopePublisher {

    private final KafkaTemplate<String, String> kafka;
    private final EnvelopeCodec codec;
    private final String orderStateTopic;

    public EnvelopePublisher(KafkaTemplate<String, String> kafka, EnvelopeCodec codec, MessagingProperties messaging) {
        this.kafka = kafka;
        this.codec = codec;
        this.orderStateTopic = messaging.orderStateTopic();
    }

    /** A payload for an envelope, written by the envelope codec. */
    public JsonNode payload(Object value) {
        return codec.toPayload(value);
    }

    /** The record {@link #publish} sends. */
    public ProducerRecord<String, String> record(String topic, Envelope envelope, Map<String, String> headers) {
        var record = new ProducerRecord<String, String>(topic, envelope.orderId(), codec.write(envelope));
        record.headers().add(MessageHeaders.MESSAGE_TYPE, bytes(envelope.type()));
        headers.forEach((name, value) -> {
            if (value != null) {
                record.headers().add(name, bytes(value));
            }
        });
        return record;
    }

    /** Sends the envelope; the future fails if Kafka does not take it (a send that throws at once included). */
    public CompletableFuture<SendResult<String, String>> publish(String topic, Envelope envelope, Map<String, String> headers) {
        return send(record(topic, envelope, headers));
    }

    /** Sends the envelope to the order state topic ({@link MessagingProperties#orderStateTopic()}). */
    public CompletableFuture<SendResult<String, String>> publishOrderState(Envelope envelope, Map<String, String> headers) {
        return publish(orderStateTopic, envelope, headers);
    }

    /** Sends a record made by {@link #record}. */
    public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

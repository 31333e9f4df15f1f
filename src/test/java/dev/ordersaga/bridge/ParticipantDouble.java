package dev.ordersaga.bridge;

import static org.awaitility.Awaitility.await;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.support.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** The test plays a participant: it reads the bridge's commands from a {@link TopicProbe} and answers them over Kafka. */
final class ParticipantDouble {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TopicProbe probe;
    private final KafkaTemplate<String, String> kafka;
    private final EnvelopeCodec codec;

    ParticipantDouble(TopicProbe probe, KafkaTemplate<String, String> kafka, EnvelopeCodec codec) {
        this.probe = probe;
        this.kafka = kafka;
        this.codec = codec;
    }

    /** The last command of this type sent to this topic for the order, once there is one. */
    ConsumerRecord<String, String> awaitCommand(String topic, String orderId, String type) {
        await().atMost(WAIT).until(() -> !probe.messages(topic, orderId, type).isEmpty());
        return probe.records(r -> r.topic().equals(topic) && orderId.equals(r.key()) && codec.read(r.value()).type().equals(type)).getLast();
    }

    /** Answers a command the way a participant must: reply envelope, same key, echoed order-saga headers. */
    void reply(ConsumerRecord<String, String> command, String topic, String eventType, Map<String, Object> payload) {
        reply(command, topic, eventType, payload, headers -> { });
    }

    /** Answers a command, with its echoed headers changed by {@code edit} first. */
    void reply(ConsumerRecord<String, String> commandRecord, String topic, String eventType, Map<String, Object> payload,
            Consumer<org.apache.kafka.common.header.Headers> edit) {
        Envelope command = codec.read(commandRecord.value());
        Envelope event = command.reply(eventType, "test-participant", codec.toPayload(payload));
        send(commandRecord, topic, event, edit);
    }

    /** Sends {@code event} as the answer to a command, with the command's echoed headers. */
    void send(ConsumerRecord<String, String> commandRecord, String topic, Envelope event, Consumer<org.apache.kafka.common.header.Headers> edit) {
        var record = new ProducerRecord<String, String>(topic, event.orderId(), codec.write(event));
        commandRecord.headers().forEach(h -> {
            if (h.key().startsWith(MessageHeaders.ECHO_PREFIX) && !h.key().equals(MessageHeaders.MESSAGE_TYPE)) {
                record.headers().add(h);
            }
        });
        edit.accept(record.headers());
        record.headers().add(MessageHeaders.MESSAGE_TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
    }

    /** A participant that does not copy the order-saga-* headers onto its replies. */
    static void dropEchoed(org.apache.kafka.common.header.Headers headers) {
        for (var header : headers.toArray()) {
            headers.remove(header.key());
        }
    }

    String commandId(ConsumerRecord<String, String> record) {
        return codec.read(record.value()).commandId();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MalformedMessageException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers one command record: reads the envelope, lets the participant process it, and publishes the
 * reply to the participant's event topic with key = order id and the {@link ReplyHeaders}. It returns
 * only once Kafka acknowledged the reply, so the listener's offset commit (ack mode RECORD) follows a
 * safe reply; if the broker does not acknowledge, it throws and the shared error handler redelivers the
 * command, which then re-sends the recorded reply.
 */
@Component
@ConditionalOnProperty(prefix = ParticipantsProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
public class CommandReplier {

    private static final Logger log = LoggerFactory.getLogger(CommandReplier.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<String, String> kafka;
    private final EnvelopeCodec codec;

    public CommandReplier(KafkaTemplate<String, String> kafka, EnvelopeCodec codec) {
        this.kafka = kafka;
        this.codec = codec;
    }

    /**
     * @throws MalformedMessageException if the record can never be processed (parked on the dead-letter topic)
     */
    public void answer(ConsumerRecord<String, String> record, Participant<?> participant) {
        Envelope command = codec.read(record.value());
        if (record.key() != null && !record.key().equals(command.orderId())) {
            log.warn("{} {} on {}-{}@{} has key {} but order id {}; answering with key {}", command.type(), command.commandId(),
                    record.topic(), record.partition(), record.offset(), record.key(), command.orderId(), command.orderId());
        }
        Envelope reply = participant.process(command);
        String topic = participant.settings().eventTopic();
        var out = new ProducerRecord<String, String>(topic, reply.orderId(), codec.write(reply));
        ReplyHeaders.echo(record.headers(), out.headers(), reply);
        try {
            kafka.send(out).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + reply.type() + " for order " + reply.orderId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + reply.type() + " " + reply.id() + " for order "
                    + reply.orderId() + " on " + topic, e);
        }
        log.debug("Order {}: sent {} {} to {}", reply.orderId(), reply.type(), reply.id(), topic);
    }
}

package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.observability.SagaSpan;
import dev.ordersaga.observability.SagaTracing;
import dev.ordersaga.participants.support.store.OutboxRelay;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.participants.support.store.StoredReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Answers a batch of command records: reads the envelopes, holds them for an injected delay (once per
 * batch), lets the participant handle each one in its transaction (which records the reply exactly as it is sent:
 * the participant's event topic, key = order id, the {@link ReplyHeaders}), and publishes each reply after its commit
 * through the {@link OutboxRelay} (whose own thread deletes its outbox entry once acknowledged, and which sends it again
 * if this process dies first), without waiting for one send before the next; a repeated command re-sends its recorded reply. It
 * returns only once Kafka acknowledged every reply, so the listener's offset commits (every {@code
 * order-saga.messaging.commit-interval}, of the batches it returned from) follow safe replies. A record that
 * fails is reported by its index ({@link BatchListenerFailedException}) after the replies before it were
 * acknowledged: the error handler commits those, then retries the failed record (which re-sends its recorded
 * reply) or parks it on the dead-letter topic if it can never be processed.
 */
@Component
@ConditionalOnParticipants
public class CommandReplier {

    private static final Logger log = LoggerFactory.getLogger(CommandReplier.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final OutboxRelay relay;
    private final EnvelopeCodec codec;
    private final SagaTracing tracing;

    public CommandReplier(OutboxRelay relay, EnvelopeCodec codec, SagaTracing tracing) {
        this.relay = relay;
        this.codec = codec;
        this.tracing = tracing;
    }

    /**
     * @throws BatchListenerFailedException naming the first record that was not answered
     */
    public void answer(List<ConsumerRecord<String, String>> records, Participant<?> participant) {
        var commands = new ArrayList<Envelope>(records.size());
        RuntimeException unreadable = null;
        for (ConsumerRecord<String, String> record : records) {
            try {
                commands.add(codec.read(record.value()));
            } catch (MalformedMessageException e) {
                unreadable = e;
                break;
            }
        }
        try {
            participant.hold(commands);
        } catch (IllegalStateException e) {
            throw new BatchListenerFailedException("Interrupted while holding a batch of " + commands.size() + " commands", e, 0);
        }
        var sends = new ArrayList<CompletableFuture<?>>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            try {
                sends.add(reply(records.get(i), commands.get(i), participant));
            } catch (RuntimeException e) {
                awaitAcknowledged(sends, records);
                throw new BatchListenerFailedException(participant.name() + " could not answer " + describe(records.get(i)), e, i);
            }
        }
        awaitAcknowledged(sends, records);
        if (unreadable != null) {
            ConsumerRecord<String, String> record = records.get(commands.size());
            throw new BatchListenerFailedException("Not a command: " + describe(record), unreadable, commands.size());
        }
    }

    private CompletableFuture<?> reply(ConsumerRecord<String, String> record, Envelope command, Participant<?> participant) {
        if (record.key() != null && !record.key().equals(command.orderId())) {
            log.warn("{} {} on {} has key {} but order id {}; answering with key {}", command.type(), command.commandId(), describe(record),
                    record.key(), command.orderId(), command.orderId());
        }
        // The participant's span, child of the command's: current while it handles the command and sends the reply.
        SagaSpan span = tracing.startParticipant(KafkaMessaging.header(record, MessageHeaders.TRACEPARENT), command.orderId(), participant.name(),
                command.type());
        try (SagaSpan.Scope scope = span.open()) {
            String topic = participant.settings().eventTopic();
            ParticipantStore.Handled handled = participant.answer(command, reply -> asSent(record, reply, topic, span.traceparent()));
            StoredReply reply = handled.reply();
            return relay.send(reply, handled.outboxId())
                    .thenAccept(sent -> SagaSpan.withOrder(command.orderId(),
                            () -> log.debug("Order {}: sent the reply to {} {} to {}", command.orderId(), command.type(), command.commandId(), topic)))
                    .whenComplete((ignored, error) -> span.end(error));
        } catch (RuntimeException e) {
            span.end(e);
            throw e;
        }
    }

    /** The reply record as it is sent: on the event topic, key = order id, the value and the {@link ReplyHeaders}. */
    private StoredReply asSent(ConsumerRecord<String, String> record, Envelope reply, String topic, String traceparent) {
        var headers = new RecordHeaders();
        ReplyHeaders.echo(record.headers(), headers, reply, traceparent);
        var text = new LinkedHashMap<String, String>();
        for (Header header : headers) {
            text.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return new StoredReply(topic, reply.orderId(), codec.write(reply), text);
    }

    /** Waits for the sends in order; the first one not acknowledged fails the batch at its record. */
    private static void awaitAcknowledged(List<CompletableFuture<?>> sends, List<ConsumerRecord<String, String>> records) {
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatchListenerFailedException("Interrupted while sending the reply to " + describe(records.get(i)), e, i);
            } catch (ExecutionException | TimeoutException e) {
                throw new BatchListenerFailedException("Kafka did not acknowledge the reply to " + describe(records.get(i)), e, i);
            }
        }
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}

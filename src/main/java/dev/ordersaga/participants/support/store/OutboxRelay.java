package dev.ordersaga.participants.support.store;

import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.observability.SagaSpan;
import dev.ordersaga.observability.SagaTracing;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends the participants' replies: at once after their commit, and again from the outbox when that send was not
 * acknowledged (the process died after the commit). A reply is read back as stored, so it is identical every time but for
 * the {@code traceparent} the template sets per send; the bridge drops a second one.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final ParticipantStore store;
    private final KafkaTemplate<String, String> kafka;
    private final SagaTracing tracing;
    private final ParticipantStoreProperties properties;
    // Filled by the producer's I/O thread, which must never wait for the database; emptied by the relay's thread.
    private final Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();

    public OutboxRelay(ParticipantStore store, KafkaTemplate<String, String> kafka, SagaTracing tracing, ParticipantStoreProperties properties) {
        this.store = store;
        this.kafka = kafka;
        this.tracing = tracing;
        this.properties = properties;
    }

    /** Completes with Kafka's acknowledgement; the outbox entry, if any (a repeat has none), is deleted later by the relay. */
    public CompletableFuture<?> send(StoredReply reply, Long outboxId) {
        var record = new ProducerRecord<String, String>(reply.topic(), reply.key(), reply.value());
        reply.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<?> sent = kafka.send(record);
        return outboxId == null ? sent : sent.thenRun(() -> acknowledged.add(outboxId));
    }

    /** Forgets what was acknowledged, then sends what is left in the outbox; returns how many replies it sent. */
    @Scheduled(fixedDelayString = "${" + ParticipantStoreProperties.PREFIX + ".relay-interval:1s}")
    public int relay() {
        forgetAcknowledged();
        List<ParticipantStore.Pending> pending = store.pending(Instant.now().minus(properties.relayAfter()), BATCH);
        List<CompletableFuture<?>> sends = pending.stream().<CompletableFuture<?>>map(this::sendAgain).toList();
        int sent = 0;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                sent++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Could not send the reply to {} of {} from the outbox; trying again in {}", pending.get(i).commandId(),
                        pending.get(i).participant(), properties.relayInterval(), e);
            }
        }
        forgetAcknowledged();
        if (sent > 0) {
            log.info("Sent {} replies left in the outbox", sent);
        }
        return sent;
    }

    /** In a span of its order's trace, child of the participant's span recorded with it. */
    private CompletableFuture<?> sendAgain(ParticipantStore.Pending entry) {
        SagaSpan span = tracing.startParticipant(entry.reply().headers().get(MessageHeaders.TRACEPARENT), entry.orderId(), entry.participant(),
                entry.commandType());
        try (SagaSpan.Scope scope = span.open()) {
            return send(entry.reply(), entry.id()).whenComplete((ignored, error) -> span.end(error));
        } catch (RuntimeException e) {
            span.end(e);
            throw e;
        }
    }

    /** Deletes the outbox entries of the acknowledged replies in one statement; returns how many. */
    @PreDestroy
    public int forgetAcknowledged() {
        var ids = new ArrayList<Long>();
        for (Long id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            ids.add(id);
        }
        return ids.isEmpty() ? 0 : store.sent(ids);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void prune() {
        int pruned = store.prune(Instant.now().minus(properties.retention()));
        if (pruned > 0) {
            log.info("Forgot {} handled commands older than {}", pruned, properties.retention());
        }
    }
}

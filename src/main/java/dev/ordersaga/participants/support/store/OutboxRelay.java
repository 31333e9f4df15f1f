package dev.ordersaga.participants.support.store;

import jakarta.annotation.PreDestroy;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.observability.SagaSpan;
import dev.ordersaga.observability.SagaTracing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
 * Sends the participants' replies: at once after their command's commit ({@link #send}), and again from the outbox
 * ({@link #relay}) when that send did not end with Kafka's acknowledgement, e.g. because the process died after the
 * commit. A reply is identical every time it is sent (it is read back as stored: topic, key, value and headers; only its
 * {@code traceparent} header is set by the template's observation to the producer span of each send); the bridge drops
 * a second one.
 *
 * <p>An acknowledged reply's outbox entry is not deleted on the Kafka producer's I/O thread, which runs the send's
 * callback and must never wait for the database: the callback only queues its id, and the relay's own thread deletes
 * the queued entries in one statement per run ({@link #forgetAcknowledged}), before it looks for entries to send. Until
 * then an entry stays in the outbox; if the process dies first, the relay of the next one sends its reply again,
 * identical, which is what at least once allows.
 *
 * <p>A reply sent again from the outbox is sent in a span of its order's trace, child of the participant's span recorded
 * with it, so that the outcome it brings stays in the order's trace rather than starting one of its own.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final ParticipantStore store;
    private final KafkaTemplate<String, String> kafka;
    private final SagaTracing tracing;
    private final ParticipantStoreProperties properties;
    private final Clock clock;
    private final Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();

    public OutboxRelay(ParticipantStore store, KafkaTemplate<String, String> kafka, SagaTracing tracing, ParticipantStoreProperties properties,
            Clock clock) {
        this.store = store;
        this.kafka = kafka;
        this.tracing = tracing;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Sends a reply; once acknowledged, its outbox entry (if any: a repeat has none) is queued for deletion by the relay's
     * thread. The future completes with Kafka's acknowledgement and never waits for the database.
     */
    public CompletableFuture<?> send(StoredReply reply, Long outboxId) {
        var record = new ProducerRecord<String, String>(reply.topic(), reply.key(), reply.value());
        reply.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<?> sent = kafka.send(record);
        return outboxId == null ? sent : sent.thenRun(() -> acknowledged.add(outboxId));
    }

    /**
     * Deletes the outbox entries of the replies acknowledged since the last run, then sends what is left in the outbox
     * (all of a batch at once, then waits for them); returns how many replies it sent.
     */
    @Scheduled(fixedDelayString = "${" + ParticipantStoreProperties.PREFIX + ".relay-interval:1s}")
    public int relay() {
        forgetAcknowledged();
        List<ParticipantStore.Pending> pending = store.pending(clock.instant().minus(properties.relayAfter()), BATCH);
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

    /** Deletes the outbox entries of the replies Kafka acknowledged, in one statement; returns how many it deleted. */
    @PreDestroy
    public int forgetAcknowledged() {
        var ids = new ArrayList<Long>();
        for (Long id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            ids.add(id);
        }
        return ids.isEmpty() ? 0 : store.sent(ids);
    }

    /** Forgets handled commands older than the retention. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void prune() {
        int pruned = store.prune(clock.instant().minus(properties.retention()));
        if (pruned > 0) {
            log.info("Forgot {} handled commands older than {}", pruned, properties.retention());
        }
    }
}

package dev.ordersaga.participants.support.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends the participants' replies: at once after their command's commit ({@link #send}), and again from the outbox
 * ({@link #relay}) when that send did not end with Kafka's acknowledgement, e.g. because the process died after the
 * commit. A reply is identical every time it is sent (it is read back as stored); the bridge drops a second one.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final ParticipantStore store;
    private final KafkaTemplate<String, String> kafka;
    private final ParticipantStoreProperties properties;
    private final Clock clock;

    public OutboxRelay(ParticipantStore store, KafkaTemplate<String, String> kafka, ParticipantStoreProperties properties, Clock clock) {
        this.store = store;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends a reply; once acknowledged, its outbox entry (if any: a repeat has none) is deleted. */
    public CompletableFuture<?> send(StoredReply reply, Long outboxId) {
        var record = new ProducerRecord<String, String>(reply.topic(), reply.key(), reply.value());
        reply.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<?> sent = kafka.send(record);
        return outboxId == null ? sent : sent.thenRun(() -> store.sent(outboxId));
    }

    /** Sends what is left in the outbox; returns how many replies it sent. */
    @Scheduled(fixedDelayString = "${" + ParticipantStoreProperties.PREFIX + ".relay-interval:1s}")
    public int relay() {
        int sent = 0;
        for (ParticipantStore.Pending pending : store.pending(clock.instant().minus(properties.relayAfter()), BATCH)) {
            try {
                send(pending.reply(), pending.id()).join();
                sent++;
            } catch (RuntimeException e) {
                log.warn("Could not send the reply to {} of {} from the outbox; trying again in {}", pending.commandId(), pending.participant(),
                        properties.relayInterval(), e);
                break;
            }
        }
        if (sent > 0) {
            log.info("Sent {} replies left in the outbox", sent);
        }
        return sent;
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

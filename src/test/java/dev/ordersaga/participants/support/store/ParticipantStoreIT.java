package dev.ordersaga.participants.support.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.support.BrokerAdmin;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.TopicProbe;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The participants' store on the real PostgreSQL server of the embedded default (Flyway's schema). The relay's own
 * schedule is slowed down so that the test decides when the outbox is relayed.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.store.relay-interval=1h")
class ParticipantStoreIT {

    @Autowired
    ParticipantStore store;

    @Autowired
    OutboxRelay relay;

    @Autowired
    DataSource dataSource;

    @Autowired
    EnvelopeCodec codec;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    private final String participant = "test-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aCommandIsAppliedOnceAndAnsweredWithTheSameReplyEveryTime() {
        var runs = new AtomicInteger();
        StoredReply reply = reply("PaymentCharged", "order-1");
        var first = store.handle(participant, "cmd-1", "order-1", "ChargePayment", () -> {
            runs.incrementAndGet();
            store.record(LedgerEntry.of(participant, "order-1", "charged", "cmd-1", null).withAmount(new BigDecimal("25.00")));
            return reply;
        });
        var second = store.handle(participant, "cmd-1", "order-1", "ChargePayment", () -> {
            runs.incrementAndGet();
            return reply("PaymentCharged", "something else");
        });

        assertThat(first.applied()).isTrue();
        assertThat(second.applied()).isFalse();
        assertThat(second.reply()).isEqualTo(first.reply()).isEqualTo(reply);
        assertThat(runs).hasValue(1);
        assertThat(store.ledger(participant, "order-1")).singleElement()
                .satisfies(entry -> assertThat(entry.amount()).isEqualByComparingTo("25.00"));
    }

    @Test
    void twoReplicasHandlingTheSameCommandAtOnceApplyItOnce() throws Exception {
        var runs = new AtomicInteger();
        List<ParticipantStore.Handled> results;
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            // The first to claim holds its transaction open for a while: the other's claim waits for it, then finds the reply.
            List<Future<ParticipantStore.Handled>> handled = replicas.invokeAll(List.of(1, 2).stream()
                    .<Callable<ParticipantStore.Handled>>map(replica -> () -> store.handle(participant, "cmd-2", "order-2", "ReserveInventory", () -> {
                        runs.incrementAndGet();
                        store.record(LedgerEntry.of(participant, "order-2", "reserved", "cmd-2", null).withStock("book-0001", 2));
                        sleep(300);
                        return reply("InventoryReserved", "replica " + replica);
                    })).toList());
            results = new java.util.ArrayList<>();
            for (Future<ParticipantStore.Handled> result : handled) {
                results.add(result.get());
            }
        }
        assertThat(runs).hasValue(1);
        assertThat(results).filteredOn(ParticipantStore.Handled::applied).hasSize(1);
        assertThat(results.get(0).reply()).isEqualTo(results.get(1).reply());
        assertThat(store.ledger(participant, "order-2")).hasSize(1);
    }

    @Test
    void workThatFailsLeavesNothingAndTheCommandIsAppliedWhenItComesAgain() {
        assertThatThrownBy(() -> store.handle(participant, "cmd-3", "order-3", "ChargePayment", () -> {
            store.record(LedgerEntry.of(participant, "order-3", "charged", "cmd-3", null));
            throw new IllegalStateException("crash before commit");
        })).hasMessage("crash before commit");
        assertThat(store.ledger(participant, "order-3")).isEmpty();
        assertThat(store.recordedReply(participant, "cmd-3")).isEmpty();

        var again = store.handle(participant, "cmd-3", "order-3", "ChargePayment", () -> reply("PaymentCharged", "order-3"));
        assertThat(again.applied()).isTrue();
    }

    @Test
    void theRelaySendsWhatTheOutboxStillHoldsAndPruningKeepsItUntilSent() throws Exception {
        String topic = "store-it-" + participant;
        StoredReply reply = new StoredReply(topic, "order-5", "{\"type\":\"PaymentRefunded\"}", Map.of("order-saga-command-id", "cmd-5"));
        var handled = store.handle(participant, "cmd-5", "order-5", "RefundPayment", () -> reply);
        // As if the process died between the commit and the send: the row is old, nothing was sent.
        JdbcClient.create(dataSource).sql("update outbox set created_at = created_at - interval '1 hour' where id = ?").param(handled.outboxId()).update();
        JdbcClient.create(dataSource).sql("update inbox set handled_at = handled_at - interval '30 days' where participant = ?").param(participant).update();

        assertThat(store.prune(Instant.now().minus(Duration.ofDays(7)))).as("not while its reply waits in the outbox").isZero();
        try (var probe = new TopicProbe(bootstrap, codec, topic)) {
            assertThat(relay.relay()).isGreaterThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(probe.records()).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("order-5");
                assertThat(record.value()).isEqualTo(reply.value());
                assertThat(new String(record.headers().lastHeader("order-saga-command-id").value())).isEqualTo("cmd-5");
            }));
        }
        assertThat(store.pending(Instant.now(), 1000)).noneMatch(pending -> pending.participant().equals(participant));
        assertThat(store.prune(Instant.now().minus(Duration.ofDays(7)))).isGreaterThanOrEqualTo(1);
        assertThat(store.recordedReply(participant, "cmd-5")).isEmpty();
    }

    @Test
    void anAcknowledgedReplyLeavesTheOutboxOnTheRelaysThreadAndIsNotSentAgain() throws Exception {
        String topic = "store-it-" + participant;
        StoredReply reply = new StoredReply(topic, "order-6", "{\"type\":\"PaymentCharged\"}", Map.of("order-saga-command-id", "cmd-6"));
        var handled = store.handle(participant, "cmd-6", "order-6", "ChargePayment", () -> reply);

        relay.send(handled.reply(), handled.outboxId()).get(20, TimeUnit.SECONDS);
        assertThat(outbox()).as("acknowledged: the producer's callback only queued its deletion").containsExactly(handled.outboxId());
        // Old enough to be relayed: the relay deletes what was acknowledged before it looks for what to send.
        JdbcClient.create(dataSource).sql("update outbox set created_at = created_at - interval '1 hour' where id = ?").param(handled.outboxId()).update();
        relay.relay();

        assertThat(outbox()).isEmpty();
        assertThat(recordsIn(topic)).as("sent once, not again by the relay").isEqualTo(1);
    }

    private List<Long> outbox() {
        return JdbcClient.create(dataSource).sql("select id from outbox where participant = ?").param(participant).query(Long.class).list();
    }

    /** Every record ever written to the topic (each relay waits for its sends' acknowledgements, so they are counted). */
    private long recordsIn(String topic) throws Exception {
        try (var broker = new BrokerAdmin(bootstrap)) {
            return broker.records(topic);
        }
    }

    private StoredReply reply(String type, String orderId) {
        return new StoredReply("store-it-" + participant, orderId, "{\"type\":\"" + type + "\",\"orderId\":\"" + orderId + "\"}",
                Map.of("order-saga-message-type", type));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.ordersaga.order;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.messaging.MessagingProperties;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The key order ids are signed with ({@link OrderIds}), the same on every instance: the configured one ({@code
 * order-saga.order.ids.key}), or else a random key shared through a compacted topic of one partition ({@code
 * order-saga.order.ids.key-topic}): every instance reads the topic from its beginning and takes the first key on it; an
 * instance that finds the topic empty writes a random key and reads again, so of instances starting at the same time all
 * take the one that was written first. Each key is written under a record key of its own, so compaction never removes
 * it and the first stays first. Read in the background at start; {@code /actuator/health/readiness} waits for it
 * (component {@code orderIds}).
 */
@ConditionalOnSaga
@Component
class OrderIdKey implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrderIdKey.class);
    private static final int KEY_BYTES = 32;
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final CompletableFuture<byte[]> key = new CompletableFuture<>();
    private final OrderIdProperties properties;
    private final MessagingProperties messaging;
    private final KafkaAdmin admin;
    private final ConsumerFactory<Object, Object> consumers;
    private final KafkaTemplate<String, String> kafka;
    private volatile boolean closed;

    OrderIdKey(OrderIdProperties properties, MessagingProperties messaging, KafkaAdmin admin, ConsumerFactory<Object, Object> consumers,
            KafkaTemplate<String, String> kafka) {
        this.properties = properties;
        this.messaging = messaging;
        this.admin = admin;
        this.consumers = consumers;
        this.kafka = kafka;
    }

    CompletableFuture<byte[]> key() {
        return key;
    }

    @Override
    public void afterPropertiesSet() {
        if (properties.keyConfigured()) {
            key.complete(properties.key().getBytes(StandardCharsets.UTF_8));
            return;
        }
        Thread.ofVirtual().name("order-id-key").start(this::load);
    }

    private void load() {
        while (!closed) {
            try {
                key.complete(readOrCreate());
                log.info("Order ids are signed with the shared key on {}", properties.keyTopic());
                return;
            } catch (RuntimeException e) {
                log.warn("Could not read the key of order ids from {} ({}); trying again in {} s", properties.keyTopic(), e.toString(),
                        RETRY.toSeconds());
            }
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The first key on the topic; if there is none, a random one written there, or the one another instance wrote first. */
    private byte[] readOrCreate() {
        admin.createOrModifyTopics(TopicBuilder.name(properties.keyTopic()).partitions(1).replicas(messaging.replicationFactor()).compact().build());
        var partition = new TopicPartition(properties.keyTopic(), 0);
        try (Consumer<Object, Object> consumer = consumers.createConsumer(null, "-order-id-key")) {
            consumer.assign(List.of(partition));
            byte[] first = first(consumer, partition);
            if (first != null) {
                return first;
            }
            byte[] candidate = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(candidate);
            kafka.send(properties.keyTopic(), "order-id-key-" + UUID.randomUUID(), Base64.getEncoder().encodeToString(candidate))
                    .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            first = first(consumer, partition);
            if (first == null) {
                throw new IllegalStateException("The key written to " + properties.keyTopic() + " cannot be read back");
            }
            return first;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Writing a key to " + properties.keyTopic() + " failed", e);
        }
    }

    /** The first valid key on the partition, or null if it holds none. */
    private static byte[] first(Consumer<Object, Object> consumer, TopicPartition partition) {
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
        long until = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(partition, READ_TIMEOUT) < end) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("Reading " + partition + " took longer than " + READ_TIMEOUT);
            }
            for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
                byte[] key = decode(record.value());
                if (key != null) {
                    return key;
                }
                log.warn("Ignoring {}@{}: not a key of order ids", partition, record.offset());
            }
        }
        return null;
    }

    private static byte[] decode(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            byte[] key = Base64.getDecoder().decode(text);
            return key.length >= KEY_BYTES ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void destroy() {
        closed = true;
    }
}

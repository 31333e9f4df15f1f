package dev.ordersaga.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Kafka topology shared by all features.
 *
 * @param partitions partitions of every topic the application creates (orders spread over them by id)
 * @param replicationFactor replication factor of the topics it creates (1 for a single broker)
 * @param deadLetterTopic where messages that can never be processed are parked, with their original
 *     topic, partition, offset and the exception in headers
 * @param orderStateTopic where the process publishes each business state change of an order
 * @param commitInterval how often the consumers of commands (the reference participants) and of outcome events
 *     (the bridge) commit the offsets of what they have processed, instead of after every poll. Delivery is
 *     at least once either way; after a crash, up to this much more is delivered again, which both deduplicate
 *     (by command id; an outcome for a job already settled is dropped). On a rebalance or a stop, what was
 *     processed is committed at once.
 */
@ConfigurationProperties("order-saga.messaging")
public record MessagingProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("order-saga-dlt") String deadLetterTopic,
        @DefaultValue("order-state") String orderStateTopic,
        @DefaultValue("250ms") Duration commitInterval) {

    public MessagingProperties {
        if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("order-saga.messaging.commit-interval must be positive, is " + commitInterval);
        }
    }

    /**
     * Makes a batch listener container commit every {@link #commitInterval()} (and on a rebalance or a stop),
     * not after every poll.
     */
    public void commitPeriodically(ContainerProperties container) {
        container.setAckMode(ContainerProperties.AckMode.TIME);
        container.setAckTime(commitInterval.toMillis());
    }
}

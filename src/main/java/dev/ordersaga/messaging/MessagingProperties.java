package dev.ordersaga.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka topology shared by all features.
 *
 * @param partitions partitions of every topic the application creates (orders spread over them by id)
 * @param replicationFactor replication factor of the topics it creates (1 for a single broker)
 * @param deadLetterTopic where messages that can never be processed are parked, with their original
 *     topic, partition, offset and the exception in headers
 * @param orderStateTopic where the process publishes each business state change of an order
 */
@ConfigurationProperties("order-saga.messaging")
public record MessagingProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("order-saga-dlt") String deadLetterTopic,
        @DefaultValue("order-state") String orderStateTopic) {}

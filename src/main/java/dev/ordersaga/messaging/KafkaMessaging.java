package dev.ordersaga.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka plumbing every listener shares: the dead-letter topic, and the default error handling of
 * record listeners (retry with back-off; park on the dead-letter topic what cannot succeed).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaMessaging {

    @Bean
    NewTopic deadLetterTopic(MessagingProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic())
                .partitions(1)
                .replicas(properties.replicationFactor())
                .build();
    }

    @Bean
    NewTopic orderStateTopic(MessagingProperties properties) {
        return topic(properties, properties.orderStateTopic());
    }

    /** A topic with the configured partitions and replication. */
    public static NewTopic topic(MessagingProperties properties, String name) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }

    /**
     * Malformed messages go to the dead-letter topic at once; other failures are retried with an
     * exponential back-off (about a minute in all) before they are parked there too. Nothing is dropped.
     */
    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafka, MessagingProperties properties) {
        var recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(60_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedMessageException.class);
        return handler;
    }

    /** The value of a header as UTF-8 text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        return header(record.headers(), name);
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

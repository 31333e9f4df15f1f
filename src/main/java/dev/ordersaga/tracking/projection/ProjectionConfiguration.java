package dev.ordersaga.tracking.projection;

import dev.ordersaga.ConditionalOnSaga;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The batch listener container of {@link OrderProjector}. */
@ConditionalOnSaga
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    static final String PROJECTION_FACTORY = "projectionListenerFactory";

    @Bean
    ProjectionPace projectionPace(TrackingProperties properties) {
        return new ProjectionPace(properties.batchWait());
    }

    /**
     * Batch listener that lets messages gather for up to {@code batch-wait} (see {@link TrackingProperties});
     * offsets are committed only after the listener returned, i.e. after Elasticsearch
     * accepted every write of the batch. A failed batch ({@link OrderProjector} reports it failed at its first
     * record) is sought back and polled again after an exponential back-off, without limit: when
     * Elasticsearch is down, the projection waits for it and then catches up. The recoverer that would skip
     * the record after the (practically endless) back-off refuses to, so the batch is sought back again.
     */
    @Bean(PROJECTION_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> projectionListenerFactory(ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory, TrackingProperties properties) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.concurrency());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        var batching = new Properties();
        batching.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(properties.batchWait().toMillis()));
        batching.setProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(properties.batchBytes()));
        batching.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(properties.batchRecords()));
        factory.getContainerProperties().setKafkaConsumerProperties(batching);
        var backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        factory.setCommonErrorHandler(new DefaultErrorHandler((record, exception) -> {
            throw new KafkaException("The order projection never skips a record; retrying its batch", exception);
        }, backOff));
        return factory;
    }
}

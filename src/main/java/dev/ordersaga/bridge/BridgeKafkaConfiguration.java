package dev.ordersaga.bridge;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessagingProperties;
import java.util.LinkedHashSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The topics named by the saga steps, and the batch listener container of {@link OutcomeListener}. */
@ConditionalOnSaga
@Configuration(proxyBeanMethods = false)
class BridgeKafkaConfiguration {

    static final String BATCH_FACTORY = "bridgeBatchListenerFactory";

    /** Creates every command and event topic the deployed steps name (existing topics are left as they are). */
    @Bean
    KafkaAdmin.NewTopics sagaStepTopics(SagaStepCatalog catalog, MessagingProperties messaging) {
        var names = new LinkedHashSet<String>();
        names.addAll(catalog.commandTopics());
        names.addAll(catalog.eventTopics());
        return new KafkaAdmin.NewTopics(names.stream().map(name -> KafkaMessaging.topic(messaging, name)).toArray(NewTopic[]::new));
    }

    /**
     * Batch listener; the offsets of the batches the listener returned from are committed every {@code
     * order-saga.messaging.commit-interval}. A failed batch (engine
     * unreachable; {@link OutcomeListener} reports it failed at its first record) is sought back and polled
     * again after a back-off capped at 30 s, without limit: the events wait for the engine, none is dropped. The
     * partitions it consumes and the outcomes it settled tell {@link HeldJobs} which jobs to keep alive.
     */
    @Bean(BATCH_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> bridgeBatchListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
            MessagingProperties messaging, HeldJobs held) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        messaging.commitPeriodically(factory.getContainerProperties());
        // Which outcome partitions this instance consumes, and which jobs it settled: the jobs it keeps alive (HeldJobs).
        factory.getContainerProperties().setConsumerRebalanceListener(held.rebalanceListener());
        factory.setBatchInterceptor(held.interceptor());
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }
}

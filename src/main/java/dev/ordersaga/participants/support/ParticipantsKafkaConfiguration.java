package dev.ordersaga.participants.support;

import dev.ordersaga.messaging.MessagingProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The listener container of every participant: a batch of commands per poll; the listener returns once every
 * reply of the batch was acknowledged ({@link CommandReplier}), and the offsets of what it returned from are
 * committed every {@code order-saga.messaging.commit-interval} ({@link MessagingProperties#commitInterval()}).
 * Failures go to the application's common error handler: the records before the failed one are committed,
 * the failed one is retried with back-off or, if it can never be processed, parked on the dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = ParticipantsProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
public class ParticipantsKafkaConfiguration {

    /** The bean name, for the listeners' {@code containerFactory}. */
    public static final String FACTORY = "participantListenerFactory";

    @Bean(FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> participantListenerFactory(ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory, MessagingProperties messaging) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        messaging.commitPeriodically(factory.getContainerProperties());
        return factory;
    }
}

package dev.ordersaga.participants.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessagingProperties;
import dev.ordersaga.observability.SagaTracing;
import dev.ordersaga.participants.support.store.OutboxRelay;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.participants.support.store.ParticipantStoreProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one registration of every participant: each {@link CommandHandler} bean gets its {@link ParticipantSettings} and,
 * unless disabled, a batch listener whose offsets are committed every {@code order-saga.messaging.commit-interval};
 * failures go to the application's common error handler. Their data source is {@code spring.datasource.*}, defined here
 * rather than by the application's auto-configuration, so that an instance without participants needs none; Flyway
 * ({@code db/participants}), {@code JdbcClient} and the transaction manager follow it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnParticipants
@EnableConfigurationProperties(ParticipantStoreProperties.class)
@EnableScheduling
public class ParticipantsConfiguration {

    public static final String FACTORY = "participantListenerFactory";

    private static final Logger log = LoggerFactory.getLogger(ParticipantsConfiguration.class);

    @Bean(FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> participantListenerFactory(ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory, MessagingProperties messaging) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        messaging.commitPeriodically(factory.getContainerProperties());
        return factory;
    }

    @Bean
    ParticipantListeners participantListeners(ListableBeanFactory beans, Environment environment, ParticipantStore store, EnvelopeCodec codec,
            OutboxRelay relay, SagaTracing tracing, @Qualifier(FACTORY) ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
            KafkaListenerEndpointRegistry registry) {
        Binder binder = Binder.get(environment);
        List<Participant> participants = beans.getBeansWithAnnotation(CommandHandler.class).values().stream()
                .map(Handler::of)
                .map(handler -> new Participant(handler, Participant.listenerId(handler.name()), ParticipantSettings.bind(binder, handler.name()),
                        codec, store))
                .filter(participant -> participant.settings().enabled())
                .toList();
        log.debug("Reference participants here: {}", participants);
        return new ParticipantListeners(participants, relay, tracing, factory, registry);
    }

    @Bean
    @ConfigurationProperties("spring.datasource")
    DataSourceProperties participantsDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource participantsDataSource(DataSourceProperties participantsDataSourceProperties) {
        HikariDataSource dataSource = participantsDataSourceProperties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        dataSource.setPoolName("participants");
        return dataSource;
    }

    @Bean
    ParticipantStore participantStore(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json) {
        return new ParticipantStore(jdbc, transactions, json);
    }

    @Bean
    OutboxRelay outboxRelay(ParticipantStore store, KafkaTemplate<String, String> kafka, SagaTracing tracing, ParticipantStoreProperties properties) {
        return new OutboxRelay(store, kafka, tracing, properties);
    }
}

package dev.ordersaga.participants.support.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.ordersaga.observability.SagaTracing;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The participants' database, only where the participants run: Spring Boot's {@code spring.datasource.*} (the
 * application's auto-configuration of a DataSource is switched off, so that an instance without participants needs no
 * database), the schema migrated by Flyway from {@code db/participants} at start, the store and its outbox relay.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnParticipants
@EnableConfigurationProperties(ParticipantStoreProperties.class)
@EnableScheduling
public class ParticipantDatabaseConfiguration {

    static final String MIGRATIONS = "classpath:db/participants";

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

    @Bean(initMethod = "migrate")
    Flyway participantsFlyway(DataSource participantsDataSource) {
        return Flyway.configure().dataSource(participantsDataSource).locations(MIGRATIONS).load();
    }

    @Bean
    JdbcTransactionManager participantsTransactionManager(DataSource participantsDataSource) {
        return new JdbcTransactionManager(participantsDataSource);
    }

    @Bean
    @DependsOn("participantsFlyway")
    ParticipantStore participantStore(DataSource participantsDataSource, JdbcTransactionManager participantsTransactionManager, ObjectMapper json) {
        return new ParticipantStore(JdbcClient.create(participantsDataSource), new TransactionTemplate(participantsTransactionManager), json);
    }

    @Bean
    OutboxRelay outboxRelay(ParticipantStore participantStore, KafkaTemplate<String, String> kafka, SagaTracing tracing,
            ParticipantStoreProperties properties) {
        return new OutboxRelay(participantStore, kafka, tracing, properties, Clock.systemUTC());
    }
}

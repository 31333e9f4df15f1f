package dev.ordersaga.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts what is not configured: no {@code camunda.client.grpc-address} (env
 * {@code CAMUNDA_CLIENT_GRPC_ADDRESS}) starts the in-memory engine, no {@code spring.kafka.bootstrap-servers}
 * (env {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}) starts a KRaft broker, no {@code spring.elasticsearch.uris}
 * (env {@code SPRING_ELASTICSEARCH_URIS}) starts a real single-node Elasticsearch on a free port (see
 * {@link EmbeddedElasticsearch}), no {@code spring.datasource.url} where the reference participants run starts a real
 * PostgreSQL server on a free port (see {@link EmbeddedPostgres}), and their addresses are set for the application.
 * {@code order-saga.embedded.enabled=false} turns it off; {@code order-saga.embedded.conventional-ports=false}
 * (used by the tests) always takes free ports for the engine and the broker (Elasticsearch always gets one).
 */
public class EmbeddedInfrastructurePostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "order-saga-embedded-infrastructure";

    private final Log log;

    public EmbeddedInfrastructurePostProcessor(DeferredLogFactory logs) {
        // Deferred: this runs before logging is initialised; the lines are written once it is.
        this.log = logs.getLog(EmbeddedInfrastructure.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("order-saga.embedded.enabled", Boolean.class, true)) {
            return;
        }
        boolean conventionalPorts = environment.getProperty("order-saga.embedded.conventional-ports", Boolean.class, true);
        Map<String, Object> properties = new LinkedHashMap<>();
        // Only the saga side (order tracking) uses Elasticsearch; a participants-only run does not need one.
        boolean elasticsearch = !environment.containsProperty("spring.elasticsearch.uris")
                && environment.getProperty("order-saga.saga.enabled", Boolean.class, true);
        if (elasticsearch) {
            // The slowest to start: launched first, awaited last.
            EmbeddedInfrastructure.launchElasticsearch();
        }
        if (!environment.containsProperty("camunda.client.grpc-address")) {
            properties.put("camunda.client.grpc-address", EmbeddedInfrastructure.zeebe(conventionalPorts, log));
            // The in-memory engine speaks gRPC only; the REST address is never used.
            properties.put("camunda.client.prefer-rest-over-grpc", "false");
        }
        if (!environment.containsProperty("spring.kafka.bootstrap-servers")) {
            properties.put("spring.kafka.bootstrap-servers", EmbeddedInfrastructure.kafka(conventionalPorts, log));
        }
        // Only the reference participants use a database.
        if (!environment.containsProperty("spring.datasource.url") && environment.getProperty("order-saga.participants.enabled", Boolean.class, true)) {
            properties.put("spring.datasource.url", EmbeddedInfrastructure.postgres(log));
            properties.put("spring.datasource.username", EmbeddedPostgres.USER);
        }
        if (elasticsearch) {
            properties.put("spring.elasticsearch.uris", EmbeddedInfrastructure.elasticsearch(log));
        }
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        }
    }

    @Override
    public int getOrder() {
        // After the config files are read (so application.yml and test properties are seen).
        return Ordered.LOWEST_PRECEDENCE;
    }
}

package dev.ordersaga.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The application started with a secret in every backend credential it reads (values made up for this run;
 * the embedded backends do not check them) never shows one: not in its log, from start-up on, nor in any
 * actuator answer. Also: without JWT settings the API is open and says so in one line, and the
 * participants' admin endpoints are off unless enabled.
 */
@OrderSagaIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
// The Kafka clients print their whole configuration at INFO (application.yml keeps them at WARN): on here.
// Logging levels are read before dynamic properties exist, so they are set here.
@TestPropertySource(properties = {"logging.level.org.apache.kafka.clients.producer.ProducerConfig=INFO",
        "logging.level.org.apache.kafka.clients.consumer.ConsumerConfig=INFO", "logging.level.org.apache.kafka.clients.admin.AdminClientConfig=INFO"})
class SecretsNotLoggedIT {

    private static final Map<String, String> SECRETS = Map.of(
            "spring.elasticsearch.password", secret(),
            "order-saga.elasticsearch.api-key", secret(),
            "camunda.client.auth.client-secret", secret(),
            "camunda.client.auth.password", secret(),
            "kafka SASL password", secret());

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private ObjectMapper json;

    @DynamicPropertySource
    static void credentials(DynamicPropertyRegistry registry) {
        registry.add("spring.elasticsearch.username", () -> "order-saga");
        registry.add("spring.elasticsearch.password", () -> SECRETS.get("spring.elasticsearch.password"));
        registry.add("order-saga.elasticsearch.api-key", () -> SECRETS.get("order-saga.elasticsearch.api-key"));
        // Read, but not used: the embedded engine needs no authentication.
        registry.add("camunda.client.auth.method", () -> "none");
        registry.add("camunda.client.auth.client-id", () -> "order-saga");
        registry.add("camunda.client.auth.client-secret", () -> SECRETS.get("camunda.client.auth.client-secret"));
        registry.add("camunda.client.auth.username", () -> "order-saga");
        registry.add("camunda.client.auth.password", () -> SECRETS.get("camunda.client.auth.password"));
        // Handed to every Kafka client (which logs its configuration); the PLAINTEXT embedded broker ignores it.
        registry.add("spring.kafka.properties.sasl.mechanism", () -> "SCRAM-SHA-512");
        registry.add("spring.kafka.properties.sasl.jaas.config", () -> "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"order-saga\" password=\"" + SECRETS.get("kafka SASL password") + "\";");
        registry.add("management.endpoint.health.probes.enabled", () -> "true");
    }

    @Test
    void noSecretAppearsInTheLog(CapturedOutput output) {
        assertThat(output.getAll()).as("the log since start-up").contains("Started SecretsNotLoggedIT")
                .as("the Kafka client configuration was printed, masked").contains("sasl.jaas.config = [hidden]");
        SECRETS.forEach((what, secret) -> assertThat(output.getAll()).as(what).doesNotContain(secret));
    }

    @Test
    void noSecretAppearsInAnyActuatorAnswer() throws Exception {
        List<String> paths = new ArrayList<>(List.of("/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/info",
                "/actuator/metrics", "/actuator/env", "/actuator/configprops", "/actuator/beans", "/actuator/loggers"));
        JsonNode metrics = json.readTree(rest.getForObject("/actuator/metrics", String.class));
        metrics.path("names").forEach(name -> paths.add("/actuator/metrics/" + name.asText()));
        assertThat(paths).as("every metric is read").hasSizeGreaterThan(20);

        for (String path : paths) {
            var response = rest.getForEntity(path, String.class);
            String body = response.getBody() == null ? "" : response.getBody();
            SECRETS.forEach((what, secret) -> assertThat(body).as("%s in %s", what, path).doesNotContain(secret));
        }
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void withoutJwtSettingsTheApiIsOpenSaysSoOnceAndKeepsTheAdminEndpointsOff(CapturedOutput output) {
        assertThat(output.getAll().lines().filter(line -> line.contains("API security is OFF"))).hasSize(1);
        assertThat(rest.getForEntity("/orders/stats", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.postForEntity("/participants/shipment/stop", null, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity("/participants", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static String secret() {
        return "s" + UUID.randomUUID().toString().replace("-", "");
    }
}

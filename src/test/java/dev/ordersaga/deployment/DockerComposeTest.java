package dev.ordersaga.deployment;

import static dev.ordersaga.deployment.Yamls.at;
import static dev.ordersaga.deployment.Yamls.document;
import static dev.ordersaga.deployment.Yamls.list;
import static dev.ordersaga.deployment.Yamls.map;
import static dev.ordersaga.deployment.Yamls.mapAt;
import static dev.ordersaga.deployment.Yamls.repositoryFile;
import static dev.ordersaga.deployment.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The services, images and wiring of docker-compose.yml. Its syntax is validated by
 * {@code docker-compose config -q} in tools/deploy-checks/check.sh; this test reads the file itself,
 * resolving {@code ${VAR:-default}} with .env.example like Compose does.
 */
class DockerComposeTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?:(:?[-?])([^}]*))?}");

    private final Map<String, Object> compose = document(repositoryFile("docker-compose.yml"));
    private final Map<String, String> envExample = envFile(".env.example");

    @Test
    void bringsUpTheWholeSystem() {
        assertThat(services().keySet()).contains("camunda", "kafka", "elasticsearch", "app", "participants", "postgres");
        assertThat(image("postgres")).startsWith("postgres:");
        assertThat(image("camunda")).startsWith("camunda/camunda:8.8");
        assertThat(image("kafka")).startsWith("apache/kafka");
        assertThat(image("elasticsearch")).startsWith("docker.elastic.co/elasticsearch/elasticsearch:8");
        assertThat(service("app")).containsEntry("build", ".");
        assertThat(image("participants")).as("participants run the app's image").isEqualTo(image("app"));
    }

    @Test
    void camundaUsesElasticsearchAsSecondaryStorageAndHasALogin() {
        var env = environment("camunda");
        assertThat(env).containsEntry("CAMUNDA_DATA_SECONDARYSTORAGE_TYPE", "elasticsearch")
                .containsEntry("CAMUNDA_DATA_SECONDARYSTORAGE_ELASTICSEARCH_URL", "http://elasticsearch:9200");
        assertThat(env.get("SPRING_PROFILES_ACTIVE")).contains("broker", "operate", "tasklist");
        assertThat(env.get("CAMUNDA_SECURITY_INITIALIZATION_USERS_0_USERNAME")).isEqualTo("demo");
        assertThat(env.get("CAMUNDA_SECURITY_INITIALIZATION_USERS_0_PASSWORD")).isEqualTo("demo");
    }

    @Test
    void appRunsTheSagaAndParticipantsRunOnlyTheParticipants() {
        assertThat(environment("app"))
                .containsEntry("ORDER_SAGA_SAGA_ENABLED", "true")
                .containsEntry("ORDER_SAGA_PARTICIPANTS_ENABLED", "false")
                .containsEntry("CAMUNDA_CLIENT_MODE", "self-managed")
                .containsEntry("CAMUNDA_CLIENT_GRPC_ADDRESS", "http://camunda:26500")
                .containsEntry("CAMUNDA_CLIENT_REST_ADDRESS", "http://camunda:8080")
                .containsEntry("CAMUNDA_CLIENT_PREFER_REST_OVER_GRPC", "false")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("SPRING_ELASTICSEARCH_URIS", "http://elasticsearch:9200")
                .containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true")
                .containsKey("ORDER_SAGA_OPERATE_URL");
        assertThat(environment("participants"))
                .containsEntry("ORDER_SAGA_SAGA_ENABLED", "false")
                .containsEntry("CAMUNDA_CLIENT_ENABLED", "false")
                .containsEntry("ORDER_SAGA_PARTICIPANTS_ENABLED", "true")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/participants")
                .containsEntry("SPRING_DATASOURCE_USERNAME", environment("postgres").get("POSTGRES_USER"))
                .containsEntry("SPRING_DATASOURCE_PASSWORD", environment("postgres").get("POSTGRES_PASSWORD"))
                .doesNotContainKeys("CAMUNDA_CLIENT_GRPC_ADDRESS", "SPRING_ELASTICSEARCH_URIS");
        assertThat(environment("app")).as("only the participants use the database").doesNotContainKey("SPRING_DATASOURCE_URL");
    }

    @Test
    void everyServiceHasAHealthCheckAndWaitsForHealthyDependencies() {
        for (var name : services().keySet()) {
            var test = list(at(service(name), "healthcheck.test"));
            assertThat(test).as("health check of %s", name).hasSizeGreaterThanOrEqualTo(2);
            assertThat(string(test.getFirst())).as("health check of %s", name).isIn("CMD", "CMD-SHELL");
        }
        assertThat(dependencies("app")).containsEntry("camunda", "service_healthy")
                .containsEntry("kafka", "service_healthy")
                .containsEntry("elasticsearch", "service_healthy");
        assertThat(dependencies("camunda")).containsEntry("elasticsearch", "service_healthy");
        assertThat(dependencies("participants")).as("participants need Kafka and their database")
                .containsOnlyKeys("kafka", "postgres").containsEntry("kafka", "service_healthy").containsEntry("postgres", "service_healthy");
        assertThat(string(at(service("app"), "healthcheck.test")))
                .contains("/actuator/health/readiness");
    }

    @Test
    void dataLivesInNamedVolumes() {
        var declared = mapAt(compose, "volumes").keySet();
        for (var name : List.of("camunda", "kafka", "elasticsearch", "postgres")) {
            var volumes = list(at(service(name), "volumes"));
            assertThat(volumes).as("volumes of %s", name).isNotEmpty();
            for (var volume : volumes) {
                assertThat(declared).as("volume %s of %s", volume, name).contains(string(volume).split(":")[0]);
            }
        }
    }

    @Test
    void hostPortsDoNotClash() {
        var published = new HashMap<String, String>();
        for (var name : services().keySet()) {
            if (!service(name).containsKey("ports")) {
                continue;
            }
            for (var port : list(service(name).get("ports"))) {
                var parts = resolve(string(port)).split(":");
                var hostPort = parts[parts.length - 2];
                var previous = published.put(hostPort, name);
                assertThat(previous).as("host port %s of %s is also used by %s", hostPort, name, previous).isNull();
            }
        }
        assertThat(published).containsEntry("8080", "app").containsEntry("8088", "camunda");
    }

    @Test
    void secretsComeFromTheEnvFileNotFromTheComposeFile() throws IOException {
        for (var name : services().keySet()) {
            rawEnvironment(name).forEach((key, value) -> {
                if (key.matches(".*(PASSWORD|SECRET|_TOKEN)$")) {
                    assertThat(value).as("%s of %s must come from .env without a default", key, name)
                            .matches("\\$\\{\\w+(:?\\?[^}]*)?}");
                    var variable = VARIABLE.matcher(value);
                    assertThat(variable.find()).isTrue();
                    assertThat(envExample).as(".env.example documents %s", variable.group(1)).containsKey(variable.group(1));
                }
            });
        }
        assertThat(Files.readAllLines(repositoryFile(".gitignore"))).as(".env is git-ignored").contains(".env");
    }

    @Test
    void theObservabilityProfileAddsPrometheusAndGrafanaWithTheChartsRulesAndDashboard() {
        for (var name : List.of("prometheus", "grafana")) {
            assertThat(list(at(service(name), "profiles"))).as("profiles of %s", name).containsExactly("observability");
        }
        assertThat(list(at(service("prometheus"), "volumes"))).map(Yamls::string)
                .contains("./helm/order-saga/files/prometheus-rules.yaml:/etc/prometheus/rules/order-saga.yaml:ro");
        assertThat(list(at(service("grafana"), "volumes"))).map(Yamls::string)
                .contains("./helm/order-saga/files/grafana-dashboard.json:/var/lib/grafana/dashboards/order-saga.json:ro");
        assertThat(services().entrySet()).filteredOn(service -> !map(service.getValue()).containsKey("profiles"))
                .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("camunda", "kafka", "elasticsearch", "app", "participants",
                        "postgres");
    }

    // ---------------------------------------------------------------------------------------------------

    private Map<String, Object> services() {
        return mapAt(compose, "services");
    }

    private Map<String, Object> service(String name) {
        assertThat(services()).containsKey(name);
        return map(services().get(name));
    }

    private String image(String name) {
        return resolve(string(at(service(name), "image")));
    }

    private Map<String, String> rawEnvironment(String name) {
        var env = new LinkedHashMap<String, String>();
        if (!service(name).containsKey("environment")) {
            return env;
        }
        map(at(service(name), "environment")).forEach((k, v) -> env.put(k, string(v)));
        return env;
    }

    private Map<String, String> environment(String name) {
        var env = new LinkedHashMap<String, String>();
        rawEnvironment(name).forEach((k, v) -> env.put(k, resolve(v)));
        return env;
    }

    private Map<String, String> dependencies(String name) {
        var conditions = new LinkedHashMap<String, String>();
        map(at(service(name), "depends_on")).forEach((k, v) -> conditions.put(k, string(map(v).get("condition"))));
        return conditions;
    }

    /** Compose interpolation with .env.example: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}. */
    private String resolve(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        var result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String operator = matcher.group(2);
            String set = envExample.get(name);
            String replacement;
            if (set != null && !(set.isEmpty() && ":-".equals(operator))) {
                replacement = set;
            } else if (operator != null && operator.endsWith("-")) {
                replacement = matcher.group(3);
            } else {
                throw new AssertionError("${" + name + "} in docker-compose.yml has no default and is not in .env.example");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static Map<String, String> envFile(String file) {
        var values = new HashMap<String, String>();
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(repositoryFile(file)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            values.put(trimmed.substring(0, trimmed.indexOf('=')), trimmed.substring(trimmed.indexOf('=') + 1));
        }
        return values;
    }
}

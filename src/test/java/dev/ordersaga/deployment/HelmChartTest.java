package dev.ordersaga.deployment;

import static dev.ordersaga.deployment.Yamls.at;
import static dev.ordersaga.deployment.Yamls.document;
import static dev.ordersaga.deployment.Yamls.documents;
import static dev.ordersaga.deployment.Yamls.list;
import static dev.ordersaga.deployment.Yamls.map;
import static dev.ordersaga.deployment.Yamls.mapAt;
import static dev.ordersaga.deployment.Yamls.repositoryFile;
import static dev.ordersaga.deployment.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What helm/order-saga renders, as written to target/helm/ by tools/deploy-checks/check.sh (which also
 * runs {@code helm lint --strict}; Maven runs it in process-test-classes, before this test).
 */
class HelmChartTest {

    private static final Path RENDERED = Path.of("target", "helm");
    private static final String APP = "order-saga";
    private static final String PARTICIPANTS = "order-saga-participants";

    private final Map<String, Object> defaults = document(repositoryFile("helm/order-saga/values.yaml"));
    private final Map<String, Object> production = document(repositoryFile("helm/order-saga/ci/production-values.yaml"));

    @Test
    void appDeploymentHasActuatorProbesOnTheServerPort() {
        for (String rendering : List.of("default", "production")) {
            var container = container(deployment(rendered(rendering), APP));
            assertProbes(container, rendering);
        }
    }

    @Test
    void appDeploymentGetsItsEndpointsAndRoleFromTheValues() {
        var env = env(container(deployment(rendered("production"), APP)));

        assertThat(env).containsEntry("ORDER_SAGA_SAGA_ENABLED", "true")
                .containsEntry("ORDER_SAGA_PARTICIPANTS_ENABLED", "false")
                .containsEntry("CAMUNDA_CLIENT_ENABLED", "true")
                .containsEntry("CAMUNDA_CLIENT_MODE", "self-managed")
                .containsEntry("CAMUNDA_CLIENT_GRPC_ADDRESS", value(production, "camunda.grpcAddress"))
                .containsEntry("CAMUNDA_CLIENT_REST_ADDRESS", value(production, "camunda.restAddress"))
                .containsEntry("CAMUNDA_CLIENT_PREFER_REST_OVER_GRPC", "false")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", value(production, "kafka.bootstrapServers"))
                .containsEntry("SPRING_ELASTICSEARCH_URIS", value(production, "elasticsearch.uris"))
                .containsEntry("ORDER_SAGA_OPERATE_URL", value(production, "camunda.operateUrl"))
                .containsEntry("SERVER_PORT", "8080")
                .containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");

        var defaultEnv = env(container(deployment(rendered("default"), APP)));
        assertThat(defaultEnv).containsEntry("CAMUNDA_CLIENT_GRPC_ADDRESS", value(defaults, "camunda.grpcAddress"))
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", value(defaults, "kafka.bootstrapServers"))
                .containsEntry("SPRING_ELASTICSEARCH_URIS", value(defaults, "elasticsearch.uris"))
                .doesNotContainKeys("SPRING_ELASTICSEARCH_USERNAME", "SPRING_ELASTICSEARCH_PASSWORD", "CAMUNDA_CLIENT_AUTH_METHOD");
    }

    @Test
    void credentialsComeFromTheExistingSecretsNeverFromValues() {
        var container = container(deployment(rendered("production"), APP));
        var esSecret = value(production, "elasticsearch.credentials.existingSecret");
        var camundaSecret = value(production, "camunda.auth.existingSecret");

        assertThat(secretRef(container, "SPRING_ELASTICSEARCH_USERNAME")).isEqualTo(esSecret + "/username");
        assertThat(secretRef(container, "SPRING_ELASTICSEARCH_PASSWORD")).isEqualTo(esSecret + "/password");
        assertThat(secretRef(container, "CAMUNDA_CLIENT_AUTH_CLIENTID")).isEqualTo(camundaSecret + "/client-id");
        assertThat(secretRef(container, "CAMUNDA_CLIENT_AUTH_CLIENTSECRET")).isEqualTo(camundaSecret + "/client-secret");
        assertThat(env(container)).containsEntry("CAMUNDA_CLIENT_AUTH_METHOD", "oidc");

        for (String rendering : List.of("default", "production", "participants")) {
            for (var document : rendered(rendering)) {
                if ("Deployment".equals(document.get("kind"))) {
                    for (var variable : list(at(container(document), "env"))) {
                        var entry = map(variable);
                        if (string(entry.get("name")).matches(".*(PASSWORD|SECRET|_TOKEN)$")) {
                            assertThat(entry).as("%s in %s", entry.get("name"), rendering)
                                    .doesNotContainKey("value").containsKey("valueFrom");
                        }
                    }
                }
            }
        }
    }

    @Test
    void replicasAreTheValuesReplicas() {
        assertThat(at(deployment(rendered("default"), APP), "spec.replicas")).isEqualTo(at(defaults, "app.replicas"));
        assertThat(at(deployment(rendered("production"), APP), "spec.replicas"))
                .isEqualTo(at(production, "app.replicas"))
                .isEqualTo(3);
        assertThat(at(container(deployment(rendered("production"), APP)), "resources"))
                .isEqualTo(at(production, "app.resources"));
    }

    @Test
    void podDisruptionBudgetCoversTheAppPods() {
        for (String rendering : List.of("default", "production")) {
            var documents = rendered(rendering);
            var pdb = named(documents, "PodDisruptionBudget", APP);
            var podLabels = mapAt(deployment(documents, APP), "spec.template.metadata.labels");
            assertThat(podLabels).as("pods selected by the PDB in %s", rendering)
                    .containsAllEntriesOf(stringMap(mapAt(pdb, "spec.selector.matchLabels")));
        }
        assertThat(at(named(rendered("production"), "PodDisruptionBudget", APP), "spec.minAvailable"))
                .isEqualTo(at(production, "app.podDisruptionBudget.minAvailable"));
    }

    @Test
    void participantsAreASecondDeploymentOfTheSameImageWithOnlyKafka() {
        var documents = rendered("participants");
        var app = deployment(documents, APP);
        var participants = deployment(documents, PARTICIPANTS);
        assertThat(at(container(participants), "image")).isEqualTo(at(container(app), "image"));
        assertProbes(container(participants), "participants");

        var env = env(container(participants));
        assertThat(env).containsEntry("ORDER_SAGA_SAGA_ENABLED", "false")
                .containsEntry("CAMUNDA_CLIENT_ENABLED", "false")
                .containsEntry("ORDER_SAGA_PARTICIPANTS_ENABLED", "true")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", value(defaults, "kafka.bootstrapServers"))
                .doesNotContainKeys("CAMUNDA_CLIENT_GRPC_ADDRESS", "SPRING_ELASTICSEARCH_URIS");

        var appSelector = stringMap(mapAt(app, "spec.selector.matchLabels"));
        var participantLabels = stringMap(mapAt(participants, "spec.template.metadata.labels"));
        assertThat(participantLabels).as("participant pods must not be selected by the app Deployment")
                .doesNotContainEntry("app.kubernetes.io/component", appSelector.get("app.kubernetes.io/component"));
        assertThat(named(documents, "PodDisruptionBudget", PARTICIPANTS)).isNotNull();

        assertThat(rendered("default")).as("participants are off by default")
                .noneMatch(d -> "Deployment".equals(d.get("kind")) && PARTICIPANTS.equals(at(d, "metadata.name")));
    }

    @Test
    void serviceSelectsOnlyTheAppPodsAndPodsRunAsNonRoot() {
        var documents = rendered("default");
        var service = named(documents, "Service", APP);
        var appPods = stringMap(mapAt(deployment(documents, APP), "spec.template.metadata.labels"));
        assertThat(appPods).containsAllEntriesOf(stringMap(mapAt(service, "spec.selector")));
        assertThat(at(deployment(documents, APP), "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(container(deployment(documents, APP)), "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
    }

    // ---------------------------------------------------------------------------------------------------

    private static void assertProbes(Map<String, Object> container, String rendering) {
        assertThat(at(container, "livenessProbe.httpGet.path")).as("liveness in %s", rendering)
                .isEqualTo("/actuator/health/liveness");
        assertThat(at(container, "readinessProbe.httpGet.path")).as("readiness in %s", rendering)
                .isEqualTo("/actuator/health/readiness");
        assertThat(at(container, "startupProbe.httpGet.path")).as("startup in %s", rendering)
                .isEqualTo("/actuator/health/liveness");
        var port = map(list(at(container, "ports")).getFirst());
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(at(container, probe + ".httpGet.port")).as("%s port in %s", probe, rendering).isEqualTo(port.get("name"));
        }
        assertThat(string(port.get("containerPort"))).as("container port in %s", rendering).isEqualTo(env(container).get("SERVER_PORT"));
        assertThat(env(container)).containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
    }

    private static List<Map<String, Object>> rendered(String name) {
        Path file = RENDERED.resolve(name + ".yaml");
        assertThat(Files.isRegularFile(file))
                .as("%s is missing: it is written by tools/deploy-checks/check.sh, which Maven runs in the "
                        + "process-test-classes phase (./mvnw verify or ./mvnw test run it)", file)
                .isTrue();
        return documents(file);
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> documents, String name) {
        return named(documents, "Deployment", name);
    }

    private static Map<String, Object> named(List<Map<String, Object>> documents, String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata.name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " rendered"));
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        var containers = list(at(deployment, "spec.template.spec.containers"));
        assertThat(containers).hasSize(1);
        return map(containers.getFirst());
    }

    /** Plain environment variables (those with a literal value). */
    private static Map<String, String> env(Map<String, Object> container) {
        var env = new LinkedHashMap<String, String>();
        for (Object variable : list(at(container, "env"))) {
            var entry = map(variable);
            if (entry.containsKey("value")) {
                env.put(string(entry.get("name")), string(entry.get("value")));
            }
        }
        return env;
    }

    /** "secret/key" of a variable set from a Secret. */
    private static String secretRef(Map<String, Object> container, String name) {
        for (Object variable : list(at(container, "env"))) {
            var entry = map(variable);
            if (name.equals(entry.get("name"))) {
                var ref = mapAt(entry, "valueFrom.secretKeyRef");
                return ref.get("name") + "/" + ref.get("key");
            }
        }
        throw new AssertionError(name + " is not set from a Secret");
    }

    private static String value(Map<String, Object> values, String path) {
        return string(at(values, path));
    }

    private static Map<String, String> stringMap(Map<String, Object> map) {
        var result = new LinkedHashMap<String, String>();
        map.forEach((k, v) -> result.put(k, string(v)));
        return result;
    }
}

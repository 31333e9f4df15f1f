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
    private final Map<String, Object> saas = document(repositoryFile("helm/order-saga/ci/saas-values.yaml"));
    private static final List<String> RENDERINGS = List.of("default", "production", "saas", "participants");

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

        for (String rendering : RENDERINGS) {
            for (var document : rendered(rendering)) {
                if ("Deployment".equals(document.get("kind"))) {
                    for (var variable : list(at(container(document), "env"))) {
                        var entry = map(variable);
                        if (string(entry.get("name")).matches(".*(PASSWORD|SECRET|_TOKEN|API_KEY)$")) {
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
    void participantsAreASecondDeploymentOfTheSameImageWithKafkaAndTheirDatabase() {
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
                .doesNotContainKeys("CAMUNDA_CLIENT_GRPC_ADDRESS", "SPRING_ELASTICSEARCH_URIS")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/participants")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "participants");
        assertThat(secretRef(container(participants), "SPRING_DATASOURCE_PASSWORD")).isEqualTo("participants-db/password");
        assertThat(env(container(app))).as("only the participants use the database").doesNotContainKey("SPRING_DATASOURCE_URL");

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

    @Test
    void everyPodIsHardened() {
        for (String rendering : RENDERINGS) {
            for (var document : rendered(rendering)) {
                if (!"Deployment".equals(document.get("kind"))) {
                    continue;
                }
                String what = at(document, "metadata.name") + " in " + rendering;
                var pod = mapAt(document, "spec.template.spec");
                assertThat(at(pod, "securityContext.runAsNonRoot")).as(what).isEqualTo(true);
                assertThat(at(pod, "securityContext.seccompProfile.type")).as(what).isEqualTo("RuntimeDefault");
                assertThat(at(pod, "automountServiceAccountToken")).as(what).isEqualTo(false);
                var container = container(document);
                assertThat(at(container, "securityContext.readOnlyRootFilesystem")).as(what).isEqualTo(true);
                assertThat(at(container, "securityContext.allowPrivilegeEscalation")).as(what).isEqualTo(false);
                assertThat(list(at(container, "securityContext.capabilities.drop"))).as(what).containsExactly("ALL");
                var tmp = list(at(container, "volumeMounts")).stream().map(Yamls::map)
                        .filter(mount -> "/tmp".equals(mount.get("mountPath"))).findFirst()
                        .orElseThrow(() -> new AssertionError("no writable /tmp in " + what));
                var volume = list(at(pod, "volumes")).stream().map(Yamls::map).filter(v -> v.get("name").equals(tmp.get("name"))).findFirst()
                        .orElseThrow(() -> new AssertionError("no volume " + tmp.get("name") + " in " + what));
                assertThat(volume).as(what).containsKey("emptyDir");
                assertThat(tmp).as(what).doesNotContainEntry("readOnly", true);
                for (var mount : list(at(container, "volumeMounts")).stream().map(Yamls::map).toList()) {
                    if (!"/tmp".equals(mount.get("mountPath"))) {
                        assertThat(mount).as("secret mounts of %s", what).containsEntry("readOnly", true);
                    }
                }
            }
        }
    }

    @Test
    void theApiIsOpenByDefaultAndJwtProtectedWithTheOidcValues() {
        var defaultEnv = env(container(deployment(rendered("default"), APP)));
        assertThat(defaultEnv).doesNotContainKeys("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES");

        var env = env(container(deployment(rendered("production"), APP)));
        assertThat(env).containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", value(production, "security.oidc.issuerUri"))
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES", value(production, "security.oidc.audiences"))
                .containsEntry("ORDER_SAGA_SECURITY_AUTHORITIES_CLAIM", "realm_access.roles")
                .containsEntry("ORDER_SAGA_SECURITY_MAX_REQUEST_BODY", value(production, "security.maxRequestBody"));
        assertThat(env(container(deployment(rendered("saas"), APP))))
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", value(saas, "security.oidc.jwkSetUri"))
                .containsEntry("ORDER_SAGA_SECURITY_AUTHORITIES_CLAIM", "scp");
    }

    @Test
    void theParticipantsAdminEndpointsAreNeverOnByDefault() {
        for (String rendering : List.of("participants", "saas")) {
            assertThat(env(container(deployment(rendered(rendering), PARTICIPANTS))))
                    .as(rendering).containsEntry("ORDER_SAGA_PARTICIPANTS_ADMIN_ENABLED", "false");
        }
        assertThat(at(defaults, "participants.adminEndpoints")).isEqualTo(false);
    }

    @Test
    void kafkaCredentialsComeFromSecretsForSaslAndMutualTls() {
        var sasl = container(deployment(rendered("production"), APP));
        assertThat(env(sasl)).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("SPRING_KAFKA_SSL_BUNDLE", "kafka")
                .containsEntry("SPRING_SSL_BUNDLE_PEM_KAFKA_TRUSTSTORE_CERTIFICATE", "file:/etc/order-saga/kafka-ca/ca.crt");
        assertThat(secretRef(sasl, "KAFKA_SASL_PASSWORD")).isEqualTo(value(production, "kafka.sasl.existingSecret") + "/password");
        assertThat(env(sasl).get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
                .contains("password=\"$(KAFKA_SASL_PASSWORD)\"");
        assertThat(secretVolume(deployment(rendered("production"), APP), "/etc/order-saga/kafka-ca"))
                .isEqualTo(value(production, "kafka.tls.caSecret"));

        for (String name : List.of(APP, PARTICIPANTS)) {
            var mtls = deployment(rendered("saas"), name);
            assertThat(env(container(mtls))).as(name).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SSL")
                    .containsEntry("SPRING_SSL_BUNDLE_PEM_KAFKA_KEYSTORE_CERTIFICATE", "file:/etc/order-saga/kafka-client/user.crt")
                    .containsEntry("SPRING_SSL_BUNDLE_PEM_KAFKA_KEYSTORE_PRIVATEKEY", "file:/etc/order-saga/kafka-client/user.key");
            assertThat(secretVolume(mtls, "/etc/order-saga/kafka-client")).as(name).isEqualTo(value(saas, "kafka.tls.clientSecret"));
        }
        assertThat(env(container(deployment(rendered("default"), APP)))).doesNotContainKeys("SPRING_KAFKA_SECURITY_PROTOCOL",
                "SPRING_KAFKA_SSL_BUNDLE");
    }

    @Test
    void elasticsearchTakesAnApiKeyOrUserAndPasswordAndAPrivateCa() {
        var production = container(deployment(rendered("production"), APP));
        assertThat(env(production)).containsEntry("SPRING_ELASTICSEARCH_RESTCLIENT_SSL_BUNDLE", "elasticsearch")
                .containsEntry("SPRING_SSL_BUNDLE_PEM_ELASTICSEARCH_TRUSTSTORE_CERTIFICATE", "file:/etc/order-saga/elasticsearch-ca/ca.crt");
        assertThat(secretVolume(deployment(rendered("production"), APP), "/etc/order-saga/elasticsearch-ca"))
                .isEqualTo(value(this.production, "elasticsearch.tls.caSecret"));

        var apiKey = container(deployment(rendered("saas"), APP));
        assertThat(secretRef(apiKey, "ORDER_SAGA_ELASTICSEARCH_API_KEY")).isEqualTo(value(saas, "elasticsearch.credentials.existingSecret") + "/api-key");
        assertThat(list(at(apiKey, "env")).stream().map(v -> map(v).get("name")))
                .doesNotContain("SPRING_ELASTICSEARCH_USERNAME", "SPRING_ELASTICSEARCH_PASSWORD");
    }

    @Test
    void camundaSaasNeedsOnlyTheClusterAndClientCredentials() {
        var container = container(deployment(rendered("saas"), APP));
        assertThat(env(container)).containsEntry("CAMUNDA_CLIENT_MODE", "saas")
                .containsEntry("CAMUNDA_CLIENT_CLOUD_CLUSTERID", value(saas, "camunda.saas.clusterId"))
                .containsEntry("CAMUNDA_CLIENT_CLOUD_REGION", value(saas, "camunda.saas.region"))
                .containsEntry("CAMUNDA_CLIENT_AUTH_METHOD", "oidc")
                .doesNotContainKeys("CAMUNDA_CLIENT_GRPC_ADDRESS", "CAMUNDA_CLIENT_REST_ADDRESS", "CAMUNDA_CLIENT_AUTH_TOKENURL");
        assertThat(secretRef(container, "CAMUNDA_CLIENT_AUTH_CLIENTSECRET")).isEqualTo(value(saas, "camunda.auth.existingSecret") + "/client-secret");
    }

    @Test
    void theNetworkPolicyIsOptionalAndOpensOnlyTheHttpPort() {
        assertThat(rendered("default")).as("off by default").noneMatch(d -> "NetworkPolicy".equals(d.get("kind")));

        var documents = rendered("production");
        var policy = named(documents, "NetworkPolicy", APP);
        var appPods = stringMap(mapAt(deployment(documents, APP), "spec.template.metadata.labels"));
        assertThat(appPods).containsAllEntriesOf(stringMap(mapAt(policy, "spec.podSelector.matchLabels")));
        assertThat(list(at(policy, "spec.policyTypes"))).containsExactly("Ingress");
        var ingress = list(at(policy, "spec.ingress"));
        assertThat(ingress).hasSize(1);
        assertThat(list(at(map(ingress.getFirst()), "ports"))).containsExactly(Map.of("port", "http", "protocol", "TCP"));
        assertThat(at(map(ingress.getFirst()), "from")).isEqualTo(at(production, "networkPolicy.ingressFrom"));
    }

    // ---------------------------------------------------------------------------------------------------

    /** The Secret mounted at a path of the deployment's container. */
    private static String secretVolume(Map<String, Object> deployment, String mountPath) {
        var mount = list(at(container(deployment), "volumeMounts")).stream().map(Yamls::map)
                .filter(m -> mountPath.equals(m.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath));
        var volume = list(at(deployment, "spec.template.spec.volumes")).stream().map(Yamls::map)
                .filter(v -> v.get("name").equals(mount.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + mount.get("name")));
        return string(at(volume, "secret.secretName"));
    }

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

    @Test
    void theObservabilityResourcesAreOffByDefaultAndCarryTheDashboardAndTheAlertRules() throws Exception {
        for (var rendering : RENDERINGS) {
            assertThat(rendered(rendering)).as(rendering).extracting(d -> d.get("kind")).doesNotContain("ServiceMonitor", "PrometheusRule");
            assertThat(rendered(rendering)).as(rendering).extracting(d -> at(d, "metadata.name")).doesNotContain(APP + "-dashboard");
        }
        var documents = rendered("observability");
        var monitor = named(documents, "ServiceMonitor", APP);
        assertThat(mapAt(monitor, "spec.selector.matchLabels")).containsEntry("app.kubernetes.io/component", "saga");
        assertThat(map(list(at(monitor, "spec.endpoints")).getFirst())).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");

        var rule = named(documents, "PrometheusRule", APP);
        assertThat(mapAt(rule, "spec")).isEqualTo(document(repositoryFile("helm/order-saga/files/prometheus-rules.yaml")));

        var dashboard = named(documents, "ConfigMap", APP + "-dashboard");
        assertThat(mapAt(dashboard, "metadata.labels")).containsEntry("grafana_dashboard", "1");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(string(mapAt(dashboard, "data").get("order-saga.json")));
        assertThat(json.path("uid").asText()).isEqualTo("order-saga");
        assertThat(json.path("panels").size()).isGreaterThan(10);
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

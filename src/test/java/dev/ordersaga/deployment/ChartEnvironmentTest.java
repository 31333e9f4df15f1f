package dev.ordersaga.deployment;

import static dev.ordersaga.deployment.Yamls.at;
import static dev.ordersaga.deployment.Yamls.documents;
import static dev.ordersaga.deployment.Yamls.list;
import static dev.ordersaga.deployment.Yamls.map;
import static dev.ordersaga.deployment.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.security.ElasticsearchApiKeyProperties;
import dev.ordersaga.security.SecurityProperties;
import io.camunda.client.spring.properties.CamundaClientAuthProperties;
import io.camunda.client.spring.properties.CamundaClientProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchProperties;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * The environment the chart renders, bound the way the application binds it (Spring Boot's relaxed
 * binding of environment variables into the real property classes), so that a variable name the
 * application would not read fails here rather than in a cluster. A variable from a Secret stands in as
 * {@code <secret:NAME>}; {@code $(NAME)} is expanded as Kubernetes does.
 */
class ChartEnvironmentTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)");

    @Test
    void productionBindsJwtKafkaSaslTlsElasticsearchAndCamundaOidc() {
        Binder env = binder("production", "order-saga");

        var jwt = env.bind("spring.security.oauth2.resourceserver", OAuth2ResourceServerProperties.class).get().getJwt();
        assertThat(jwt.getIssuerUri()).isEqualTo("https://keycloak.example.com/realms/shop");
        assertThat(jwt.getAudiences()).containsExactly("order-saga-api");
        var security = env.bind("order-saga.security", SecurityProperties.class).get();
        assertThat(security.authoritiesClaim()).isEqualTo("realm_access.roles");
        assertThat(security.maxRequestBody()).isEqualTo(DataSize.ofKilobytes(64));

        var kafka = env.bind("spring.kafka", KafkaProperties.class).get();
        assertThat(kafka.getSecurity().getProtocol()).isEqualTo("SASL_SSL");
        assertThat(kafka.getProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"order-saga\" password=\"<secret:KAFKA_SASL_PASSWORD>\";");
        assertThat(kafka.getSsl().getBundle()).isEqualTo("kafka");
        var ssl = env.bind("spring.ssl", SslProperties.class).get().getBundle().getPem();
        assertThat(ssl.get("kafka").getTruststore().getCertificate()).isEqualTo("file:/etc/order-saga/kafka-ca/ca.crt");
        assertThat(ssl.get("elasticsearch").getTruststore().getCertificate()).isEqualTo("file:/etc/order-saga/elasticsearch-ca/ca.crt");

        var elasticsearch = env.bind("spring.elasticsearch", ElasticsearchProperties.class).get();
        assertThat(elasticsearch.getUsername()).isEqualTo("<secret:SPRING_ELASTICSEARCH_USERNAME>");
        assertThat(elasticsearch.getPassword()).isEqualTo("<secret:SPRING_ELASTICSEARCH_PASSWORD>");
        assertThat(elasticsearch.getRestclient().getSsl().getBundle()).isEqualTo("elasticsearch");

        var camunda = env.bind("camunda.client", CamundaClientProperties.class).get();
        assertThat(camunda.getMode()).isEqualTo(CamundaClientProperties.ClientMode.selfManaged);
        assertThat(camunda.getAuth().getMethod()).isEqualTo(CamundaClientAuthProperties.AuthMethod.oidc);
        assertThat(camunda.getAuth().getClientId()).isEqualTo("<secret:CAMUNDA_CLIENT_AUTH_CLIENTID>");
        assertThat(camunda.getAuth().getClientSecret()).isEqualTo("<secret:CAMUNDA_CLIENT_AUTH_CLIENTSECRET>");
        assertThat(camunda.getAuth().getTokenUrl()).hasPath("/auth/realms/camunda-platform/protocol/openid-connect/token");
        assertThat(camunda.getAuth().getAudience()).isEqualTo("orchestration-api");
    }

    @Test
    void saasBindsTheCloudClusterAnElasticsearchApiKeyAndKafkaMutualTls() {
        Binder env = binder("saas", "order-saga");

        var camunda = env.bind("camunda.client", CamundaClientProperties.class).get();
        assertThat(camunda.getMode()).isEqualTo(CamundaClientProperties.ClientMode.saas);
        assertThat(camunda.getCloud().getClusterId()).isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(camunda.getCloud().getRegion()).isEqualTo("bru-2");
        assertThat(camunda.getAuth().getClientSecret()).isEqualTo("<secret:CAMUNDA_CLIENT_AUTH_CLIENTSECRET>");

        assertThat(env.bind("order-saga.elasticsearch", ElasticsearchApiKeyProperties.class).get().apiKey())
                .isEqualTo("<secret:ORDER_SAGA_ELASTICSEARCH_API_KEY>");
        assertThat(env.bind("spring.security.oauth2.resourceserver", OAuth2ResourceServerProperties.class).get().getJwt().getJwkSetUri())
                .isEqualTo("https://idp.example.com/oauth2/keys");

        for (String deployment : new String[] {"order-saga", "order-saga-participants"}) {
            Binder participantsOrApp = binder("saas", deployment);
            assertThat(participantsOrApp.bind("spring.kafka", KafkaProperties.class).get().getSecurity().getProtocol()).isEqualTo("SSL");
            var keystore = participantsOrApp.bind("spring.ssl", SslProperties.class).get().getBundle().getPem().get("kafka").getKeystore();
            assertThat(keystore.getCertificate()).as(deployment).isEqualTo("file:/etc/order-saga/kafka-client/user.crt");
            assertThat(keystore.getPrivateKey()).as(deployment).isEqualTo("file:/etc/order-saga/kafka-client/user.key");
        }
        assertThat(binder("saas", "order-saga-participants").bind("order-saga.participants.admin.enabled", Boolean.class).get()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------

    private static Binder binder(String rendering, String deployment) {
        Path file = Path.of("target", "helm", rendering + ".yaml");
        assertThat(Files.isRegularFile(file)).as("%s is written by tools/deploy-checks/check.sh (process-test-classes)", file).isTrue();
        var document = documents(file).stream()
                .filter(d -> "Deployment".equals(d.get("kind")) && deployment.equals(at(d, "metadata.name")))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + deployment + " in " + rendering));
        var containers = list(at(document, "spec.template.spec.containers"));
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Object variable : list(at(map(containers.getFirst()), "env"))) {
            var entry = map(variable);
            String name = string(entry.get("name"));
            String value = entry.containsKey("value") ? expand(string(entry.get("value")), variables) : "<secret:" + name + ">";
            variables.put(name, value);
        }
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
        return new Binder(ConfigurationPropertySources.from(source));
    }

    /** Kubernetes' dependent environment variables: $(NAME) of a variable defined before. */
    private static String expand(String value, Map<String, Object> before) {
        Matcher matcher = REFERENCE.matcher(value);
        var expanded = new StringBuilder();
        while (matcher.find()) {
            Object replacement = before.get(matcher.group(1));
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement.toString()));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }
}

package dev.ordersaga.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/** When the security configuration starts, and what it refuses. */
class ApiSecurityConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SecurityProperties.class, ElasticsearchApiKeyProperties.class})
    static class Properties {}

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
                    OAuth2ResourceServerAutoConfiguration.class))
            .withUserConfiguration(Properties.class, ApiSecurityConfiguration.class);

    @Test
    void withoutJwtSettingsItStartsOpen() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class).doesNotHaveBean(JwtDecoder.class);
        });
    }

    @Test
    void aJwkSetUriWithAnAudienceTurnsJwtOn() {
        runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:1/jwks.json",
                "spring.security.oauth2.resourceserver.jwt.audiences=order-saga-api").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class).hasSingleBean(JwtDecoder.class);
                });
    }

    @Test
    void jwtWithoutAnAudienceRefusesToStart() {
        runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:1/jwks.json").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("spring.security.oauth2.resourceserver.jwt.audiences");
        });
    }

    @Test
    void aBodyLimitOfNothingIsRefused() {
        runner.withPropertyValues("order-saga.security.max-request-body=0B").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("order-saga.security.max-request-body");
        });
    }
}

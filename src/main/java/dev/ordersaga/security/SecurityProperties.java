package dev.ordersaga.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the API's security. Whether JWT authentication is on is decided by Spring Boot's own
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} (with
 * {@code spring.security.oauth2.resourceserver.jwt.audiences}), not here.
 *
 * @param authoritiesClaim the claim that holds the scopes or roles of a token, a dotted path into nested
 *     objects (e.g. {@code realm_access.roles} for Keycloak realm roles); its value is a list of strings or
 *     one space-separated string (the standard {@code scope} claim)
 * @param maxRequestBody the largest request body accepted; a larger one is answered 413
 */
@ConfigurationProperties("order-saga.security")
public record SecurityProperties(
        @DefaultValue("scope") String authoritiesClaim,
        @DefaultValue("64KB") DataSize maxRequestBody) {}

package dev.ordersaga.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API with JWT authentication on, against real tokens: signed with a key pair generated for this run,
 * checked against the JWK set the test serves, roles in Keycloak's {@code realm_access.roles}.
 */
@OrderSagaIntegrationTest
class SecurityIT {

    private static final TestIdentityProvider idp = new TestIdentityProvider();

    @Autowired
    private TestRestTemplate rest;

    @DynamicPropertySource
    static void jwtAuthentication(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", idp::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestIdentityProvider.AUDIENCE);
        registry.add("order-saga.security.authorities-claim", () -> TestIdentityProvider.ROLES_CLAIM);
        registry.add("order-saga.participants.admin.enabled", () -> "true");
        registry.add("management.endpoint.health.probes.enabled", () -> "true");
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.close();
    }

    @Test
    void withoutATokenEveryApiCallIs401ProblemJsonWithWwwAuthenticate() {
        for (var call : new String[][] {{"POST", "/orders"}, {"GET", "/orders"}, {"GET", "/orders/some-id"}, {"GET", "/"},
                {"GET", "/app/app.js"}, {"GET", "/orders/some-id/path"}, {"GET", "/process-definitions"},
                {"GET", "/participants"}, {"POST", "/participants/shipment/stop"}}) {
            var response = call(HttpMethod.valueOf(call[0]), call[1], null);
            assertUnauthorized(response, call[0] + " " + call[1]);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        }
    }

    @Test
    void aTokenForAnotherAudienceExpiredTamperedOrForgedIs401() {
        var tokens = Map.of(
                "wrong audience", idp.tokenFor("another-api", Scopes.ORDERS_WRITE, Scopes.ORDERS_READ),
                "expired", idp.expiredToken(Scopes.ORDERS_WRITE, Scopes.ORDERS_READ),
                "tampered", idp.tamperedToken(Scopes.ORDERS_READ, Scopes.ORDERS_WRITE),
                "signed by another key", idp.tokenSignedByAnotherKey(Scopes.ORDERS_WRITE, Scopes.ORDERS_READ),
                "not a JWT", "not-a-jwt");
        tokens.forEach((what, token) -> {
            var response = call(HttpMethod.POST, "/orders", token);
            assertUnauthorized(response, what);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(what).startsWith("Bearer error=\"invalid_token\"");
        });
        assertThat(call(HttpMethod.POST, "/orders", idp.token(Scopes.ORDERS_READ, Scopes.ORDERS_WRITE)).getStatusCode())
                .as("the same roles in a valid token").isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void aValidTokenWithoutTheScopeIs403ProblemJson() {
        assertForbidden(call(HttpMethod.POST, "/orders", idp.token(Scopes.ORDERS_READ)), "place with orders:read");
        assertForbidden(call(HttpMethod.GET, "/orders", idp.token(Scopes.ORDERS_WRITE)), "search with orders:write");
        assertForbidden(call(HttpMethod.GET, "/orders/some-id", idp.token(Scopes.ORDERS_WRITE)), "read with orders:write");
        assertForbidden(call(HttpMethod.GET, "/participants", idp.token(Scopes.ORDERS_READ, Scopes.ORDERS_WRITE)), "participants");
        assertForbidden(call(HttpMethod.POST, "/participants/shipment/stop", idp.token()), "stop without roles");
    }

    @Test
    void theRightScopePlacesReadsAndAdministers() {
        var placed = call(HttpMethod.POST, "/orders", idp.token(Scopes.ORDERS_WRITE));
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String orderId = (String) placed.getBody().get("orderId");

        String reader = idp.token(Scopes.ORDERS_READ);
        assertThat(call(HttpMethod.GET, "/orders", reader).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, "/orders/stats", reader).getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> call(HttpMethod.GET, "/orders/" + orderId, reader).getStatusCode(), HttpStatus.OK::equals);

        assertThat(call(HttpMethod.GET, "/participants/shipment", idp.token(Scopes.PARTICIPANTS_ADMIN)).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void probesScrapingAndTheApiDescriptionNeedNoTokenEveryOtherActuatorEndpointIsClosed() {
        assertThat(call(HttpMethod.GET, "/actuator/health/liveness", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, "/actuator/health/readiness", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, "/actuator/prometheus", null).getStatusCode()).as("not refused by security")
                .isNotIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/v3/api-docs", null).getStatusCode()).as("the API's description holds no data").isEqualTo(HttpStatus.OK);

        String everything = idp.token(Scopes.ORDERS_READ, Scopes.ORDERS_WRITE, Scopes.PARTICIPANTS_ADMIN);
        for (String closed : new String[] {"/actuator", "/actuator/health", "/actuator/info", "/actuator/metrics", "/actuator/env",
                "/actuator/health/kafka"}) {
            assertUnauthorized(call(HttpMethod.GET, closed, null), closed);
            assertForbidden(call(HttpMethod.GET, closed, everything), closed + " with every scope");
        }
    }

    // ---------------------------------------------------------------------------------------------------

    private ResponseEntity<Map<String, Object>> call(HttpMethod method, String path, String token) {
        var headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        Object body = null;
        if (method == HttpMethod.POST) {
            headers.setContentType(MediaType.APPLICATION_JSON);
            body = path.equals("/orders") ? Orders.happy("security-it") : Map.of();
        }
        return rest.exchange(path, method, new HttpEntity<>(body, headers), OrderApi.JSON);
    }

    private static void assertUnauthorized(ResponseEntity<Map<String, Object>> response, String what) {
        assertThat(response.getStatusCode()).as(what).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType()).as(what).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).as(what).containsEntry("status", 401).containsEntry("title", "Unauthorized")
                .containsEntry("type", "https://ordersaga.dev/problems/unauthorized");
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(what).startsWith("Bearer");
    }

    private static void assertForbidden(ResponseEntity<Map<String, Object>> response, String what) {
        assertThat(response.getStatusCode()).as(what).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().getContentType()).as(what).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).as(what).containsEntry("status", 403).containsEntry("type", "https://ordersaga.dev/problems/forbidden");
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(what).startsWith("Bearer error=\"insufficient_scope\"");
    }
}

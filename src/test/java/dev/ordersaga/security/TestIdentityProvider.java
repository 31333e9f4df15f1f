package dev.ordersaga.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for the identity provider: an RSA key pair generated when the test starts (nothing is
 * committed), its public half served as a JWK set over HTTP on a free port, and signed access tokens with
 * the roles in Keycloak's {@code realm_access.roles} claim.
 */
final class TestIdentityProvider implements AutoCloseable {

    static final String AUDIENCE = "order-saga-api";
    static final String ROLES_CLAIM = "realm_access.roles";

    private final RSAKey key;
    private final RSAKey otherKey;
    private final HttpServer server;

    TestIdentityProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            // Same key id, different key: what a forger without the private key could do at best.
            otherKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the test key pair", e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the JWK set server", e);
        }
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (var body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
    }

    String jwkSetUri() {
        return "http://localhost:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** A valid token for the API's audience with these roles, for the next five minutes. */
    String token(String... roles) {
        return sign(key, claims(AUDIENCE, Instant.now().plusSeconds(300), roles));
    }

    String tokenFor(String audience, String... roles) {
        return sign(key, claims(audience, Instant.now().plusSeconds(300), roles));
    }

    /** Expired ten minutes ago (well beyond the resource server's default clock skew of 60 s). */
    String expiredToken(String... roles) {
        return sign(key, claims(AUDIENCE, Instant.now().minusSeconds(600), roles));
    }

    /** Signed with a key the JWK set does not hold, under the published key id. */
    String tokenSignedByAnotherKey(String... roles) {
        return sign(otherKey, claims(AUDIENCE, Instant.now().plusSeconds(300), roles));
    }

    /** A valid token with its payload swapped for one with more roles; the signature is the original one. */
    String tamperedToken(String grantedRole, String... addedRoles) {
        String[] parts = token(grantedRole).split("\\.");
        String[] roles = new String[addedRoles.length + 1];
        roles[0] = grantedRole;
        System.arraycopy(addedRoles, 0, roles, 1, addedRoles.length);
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims(AUDIENCE, Instant.now().plusSeconds(300), roles).toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    private static JWTClaimsSet claims(String audience, Instant expires, String... roles) {
        Instant issued = expires.minusSeconds(300);
        return new JWTClaimsSet.Builder()
                .issuer("https://idp.test/realms/shop")
                .subject("test-client")
                .audience(audience)
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the test token", e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

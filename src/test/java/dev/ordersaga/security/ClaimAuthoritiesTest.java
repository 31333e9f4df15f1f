package dev.ordersaga.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class ClaimAuthoritiesTest {

    @Test
    void theStandardScopeClaimIsOneSpaceSeparatedString() {
        assertThat(names(new ClaimAuthorities("scope"), Map.of("scope", "orders:read  orders:write")))
                .containsExactly("orders:read", "orders:write");
    }

    @Test
    void aDottedPathReadsNestedRolesLikeKeycloaks() {
        var claims = Map.<String, Object>of("realm_access", Map.of("roles", List.of("orders:read", "participants:admin")),
                "scope", "orders:write");
        assertThat(names(new ClaimAuthorities("realm_access.roles"), claims)).containsExactly("orders:read", "participants:admin");
    }

    @Test
    void aMissingOrOddlyShapedClaimGivesNoAuthority() {
        assertThat(names(new ClaimAuthorities("realm_access.roles"), Map.of("scope", "orders:read"))).isEmpty();
        assertThat(names(new ClaimAuthorities("realm_access.roles"), Map.of("realm_access", "orders:read"))).isEmpty();
        assertThat(names(new ClaimAuthorities("roles"), Map.of("roles", 42))).isEmpty();
        assertThat(names(new ClaimAuthorities("roles"), Map.of("roles", List.of(42, "orders:read", " ")))).containsExactly("orders:read");
    }

    @Test
    void anEmptyClaimNameIsRefused() {
        assertThatThrownBy(() -> new ClaimAuthorities(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order-saga.security.authorities-claim");
    }

    private static List<String> names(ClaimAuthorities authorities, Map<String, Object> claims) {
        var jwt = Jwt.withTokenValue("token").header("alg", "RS256").claims(c -> c.putAll(claims)).issuedAt(Instant.now()).build();
        return authorities.convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }
}

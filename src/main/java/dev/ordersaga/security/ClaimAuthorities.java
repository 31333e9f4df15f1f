package dev.ordersaga.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authorities of a token: each string of one claim, as it is (no {@code SCOPE_} prefix). The claim is
 * a dotted path into nested objects, e.g. {@code scope}, {@code scp} or Keycloak's {@code realm_access.roles};
 * its value is a list of strings or one space-separated string. A missing claim gives no authority.
 */
final class ClaimAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final List<String> path;

    ClaimAuthorities(String claim) {
        if (claim == null || claim.isBlank()) {
            throw new IllegalArgumentException("order-saga.security.authorities-claim must name a claim, e.g. scope or realm_access.roles");
        }
        this.path = List.of(claim.trim().split("\\."));
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String key : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(key);
        }
        Stream<String> names = switch (value) {
            case String text -> Arrays.stream(text.trim().split("\\s+"));
            case Collection<?> values -> values.stream().filter(String.class::isInstance).map(String.class::cast);
            case null, default -> Stream.empty();
        };
        return names.filter(name -> !name.isBlank()).<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    }
}

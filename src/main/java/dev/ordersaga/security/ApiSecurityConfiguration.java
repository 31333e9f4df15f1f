package dev.ordersaga.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.message.BasicHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.elasticsearch.RestClientBuilderCustomizer;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. With a {@link JwtDecoder} (Spring Boot creates one when
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} is set) every request
 * needs a valid bearer token whose audience is one of {@code spring.security.oauth2.resourceserver.jwt.audiences}
 * (required then), and:
 *
 * <ul>
 *   <li>{@code POST /orders}: {@value Scopes#ORDERS_WRITE};
 *   <li>{@code GET /orders...}, {@code GET /process-definitions...} and the order page {@code GET /} (with its files):
 *       {@value Scopes#ORDERS_READ};
 *   <li>the OpenAPI document {@code /v3/api-docs} and Swagger UI {@code /swagger-ui.html}: no token;
 *   <li>{@code /participants...} (only where enabled): {@value Scopes#PARTICIPANTS_ADMIN};
 *   <li>{@code /actuator/health/liveness}, {@code /actuator/health/readiness}, {@code /actuator/prometheus}:
 *       no token (probes, scraping); every other actuator endpoint is closed.
 * </ul>
 *
 * Without one, the API is open (the embedded default for a developer's machine) and one line says so.
 * Either way: no session, no CSRF token (a stateless API of bearer tokens), request bodies up to
 * {@code order-saga.security.max-request-body}; every answer carries a Content-Security-Policy that forbids inline
 * scripts ({@link #CONTENT_SECURITY_POLICY}).
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurityConfiguration {

    /**
     * The order page and Swagger UI load scripts and styles only from the application itself: no inline script, no
     * {@code eval}, no other origin. Inline styles stay allowed (bpmn-js and Swagger UI set them on SVG and HTML
     * elements; a style cannot run code), and images may be {@code data:} URLs (the bpmn.io watermark, Swagger UI's
     * icons).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** The OpenAPI document and Swagger UI describe the API; they hold no order data. */
    static final String[] API_DOCUMENTATION = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};
    static final String[] PROBES_AND_SCRAPING = {"/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus"};
    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    @Bean
    ProblemWriter securityProblems(ObjectMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<JwtDecoder> decoder, OAuth2ResourceServerProperties resourceServer,
            SecurityProperties properties, ProblemWriter problems) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(anonymous -> {})
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        if (decoder.getIfAvailable() == null) {
            log.warn("API security is OFF: no spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri is set, so anyone who "
                    + "reaches this application may place and read orders (fine on a developer's machine only; see docs/configuration.md, \"Security\")");
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        var audiences = resourceServer.getJwt().getAudiences();
        if (audiences == null || audiences.isEmpty()) {
            throw new IllegalStateException("JWT authentication is on but spring.security.oauth2.resourceserver.jwt.audiences is not set: "
                    + "set it to the audience (aud) the identity provider puts into tokens meant for this API");
        }
        var authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new ClaimAuthorities(properties.authoritiesClaim()));
        var answers = new SecurityAnswers(problems);
        log.info("API security is on: JWT bearer tokens for audience {}, scopes from claim '{}'", audiences, properties.authoritiesClaim());
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, PROBES_AND_SCRAPING).permitAll()
                        .requestMatchers("/actuator", "/actuator/**").denyAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/orders").hasAuthority(Scopes.ORDERS_WRITE)
                        .requestMatchers(HttpMethod.GET, API_DOCUMENTATION).permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/app/**", "/vendor/**", "/orders", "/orders/**",
                                "/process-definitions", "/process-definitions/**").hasAuthority(Scopes.ORDERS_READ)
                        .requestMatchers("/participants", "/participants/**").hasAuthority(Scopes.PARTICIPANTS_ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(answers)
                        .accessDeniedHandler(answers))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .build();
    }

    /** After the security filters (order -100): a request without a valid token is refused before its body is read. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(SecurityProperties properties, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), problems));
        registration.setOrder(0);
        return registration;
    }

    /** {@code order-saga.elasticsearch.api-key}, when set, as the Authorization header of every Elasticsearch request. */
    @Bean
    RestClientBuilderCustomizer elasticsearchApiKey(ElasticsearchApiKeyProperties apiKey) {
        return builder -> {
            if (apiKey.present()) {
                builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + apiKey.apiKey().trim())});
            }
        };
    }
}

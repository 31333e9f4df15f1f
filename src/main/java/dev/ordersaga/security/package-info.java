/**
 * Security of the application's edges: JWT authentication and scope checks of the REST API (on when
 * Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*} properties are set, open otherwise),
 * which actuator endpoints stay reachable, 401/403/413 as {@code application/problem+json}, the maximum
 * request body, and the Elasticsearch API key. It knows the API by its paths only, no feature's classes.
 */
package dev.ordersaga.security;

package dev.ordersaga.security;

import dev.ordersaga.problem.ProblemType;
import dev.ordersaga.problem.Problems;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 of the API: Spring Security's bearer-token answers (status and the RFC 6750
 * {@code WWW-Authenticate} header) with an {@code application/problem+json} body.
 */
final class SecurityAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final AuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final AccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();
    private final ProblemWriter problems;

    SecurityAnswers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        bearerEntryPoint.commence(request, response, failure);
        String detail = failure instanceof OAuth2AuthenticationException invalid && invalid.getError().getDescription() != null
                ? "The bearer token was rejected: " + invalid.getError().getDescription()
                : "This request needs a bearer token (Authorization: Bearer <access token>)";
        problems.write(response, Problems.problem(ProblemType.UNAUTHORIZED, detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        bearerAccessDenied.handle(request, response, denied);
        problems.write(response, Problems.problem(ProblemType.FORBIDDEN,
                "The token lacks the scope this request needs (" + Scopes.ORDERS_WRITE + " to place orders, " + Scopes.ORDERS_READ
                        + " to read them, " + Scopes.PARTICIPANTS_ADMIN + " for /participants), or the endpoint is closed"));
    }
}

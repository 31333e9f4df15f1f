package dev.ordersaga.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Writes the security answers (401, 403, 413) as {@code application/problem+json}, like the API's other errors. */
final class Problems {

    static final URI UNAUTHORIZED = URI.create("https://ordersaga.dev/problems/unauthorized");
    static final URI FORBIDDEN = URI.create("https://ordersaga.dev/problems/forbidden");
    static final URI PAYLOAD_TOO_LARGE = URI.create("https://ordersaga.dev/problems/payload-too-large");

    private final ObjectMapper json;

    Problems(ObjectMapper json) {
        this.json = json;
    }

    static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** A problem that names one field, in the {@code errors: [{field, message}]} form of the other 400s. */
    static ProblemDetail withField(ProblemDetail problem, String field, String message) {
        problem.setProperties(Map.of("errors", List.of(Map.of("field", field, "message", message))));
        return problem;
    }

    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}

package dev.ordersaga.problem;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The one factory of the API's {@code application/problem+json} answers (RFC 9457). */
public final class Problems {

    /** How long a client waits before it tries a request again that an outage refused (seconds). */
    public static final String RETRY_AFTER_SECONDS = "5";

    private Problems() {}

    /** One bad field of a request, e.g. {@code items[0].quantity}. */
    public record FieldProblem(String field, String message) {}

    /** A problem of this type, with its status, type URI and title. */
    public static ProblemDetail problem(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /** An {@link ProblemType#INVALID_REQUEST} naming each bad field in {@code errors: [{field, message}]}. */
    public static ProblemDetail invalid(String detail, List<FieldProblem> errors) {
        return withErrors(problem(ProblemType.INVALID_REQUEST, detail), errors);
    }

    /** The problem, naming each bad field in {@code errors: [{field, message}]}. */
    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldProblem> errors) {
        problem.setProperties(Map.of("errors", List.copyOf(errors)));
        return problem;
    }

    /** The answer that carries it. */
    public static <T> ResponseEntity<T> respond(ProblemDetail problem) {
        return respond(problem, new HttpHeaders());
    }

    /** The answer that carries it, with these headers. */
    @SuppressWarnings("unchecked")
    public static <T> ResponseEntity<T> respond(ProblemDetail problem, HttpHeaders headers) {
        return (ResponseEntity<T>) ResponseEntity.status(problem.getStatus()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The first line of a parser's message, at most 200 characters: enough to say what is wrong, never a whole body. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** The answer of an outage (503): it carries {@code Retry-After}. */
    public static <T> ResponseEntity<T> unavailable(ProblemType type, String detail) {
        return unavailable(problem(type, detail));
    }

    /** The answer of an outage (503) with this problem: it carries {@code Retry-After}. */
    public static <T> ResponseEntity<T> unavailable(ProblemDetail problem) {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return respond(problem, headers);
    }
}

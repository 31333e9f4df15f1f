package dev.ordersaga.participants.support;

import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The errors of {@link ParticipantsController} as {@code application/problem+json}. Ordered before any
 * application-wide handler, and limited to that controller.
 */
@RestControllerAdvice(assignableTypes = ParticipantsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnParticipants
// Off unless asked for: stopping participants and injecting faults is for demos and tests.
@ConditionalOnBooleanProperty("order-saga.participants.admin.enabled")
class ParticipantsProblems {

    static final URI UNKNOWN_PARTICIPANT = URI.create("https://ordersaga.dev/problems/unknown-participant");
    static final URI INVALID_FAULTS = URI.create("https://ordersaga.dev/problems/invalid-faults");

    @ExceptionHandler(ParticipantsController.UnknownParticipantException.class)
    ResponseEntity<ProblemDetail> unknown(ParticipantsController.UnknownParticipantException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(UNKNOWN_PARTICIPANT);
        problem.setTitle("Unknown participant");
        problem.setProperty("participants", e.known);
        return respond(problem);
    }

    @ExceptionHandler(Faults.InvalidFaultsException.class)
    ResponseEntity<ProblemDetail> invalidFaults(Faults.InvalidFaultsException e) {
        return respond(invalid(e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return respond(invalid("The body is not valid faults JSON ({\"delay\": \"PT5S\", \"technicalFailureRate\": 0.2, "
                + "\"businessFailureRate\": 0.0}): " + firstLine(e.getMostSpecificCause().getMessage())));
    }

    private static ProblemDetail invalid(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(INVALID_FAULTS);
        problem.setTitle("Invalid faults");
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}

package dev.ordersaga.participants.support;

import dev.ordersaga.problem.ProblemType;
import dev.ordersaga.problem.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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

    @ExceptionHandler(ParticipantsController.UnknownParticipantException.class)
    ResponseEntity<ProblemDetail> unknown(ParticipantsController.UnknownParticipantException e) {
        ProblemDetail problem = Problems.problem(ProblemType.UNKNOWN_PARTICIPANT, e.getMessage());
        problem.setProperty("participants", e.known);
        return Problems.respond(problem);
    }

    @ExceptionHandler(Faults.InvalidFaultsException.class)
    ResponseEntity<ProblemDetail> invalidFaults(Faults.InvalidFaultsException e) {
        return Problems.respond(Problems.problem(ProblemType.INVALID_FAULTS, e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return Problems.respond(Problems.problem(ProblemType.INVALID_FAULTS, "The body is not valid faults JSON ({\"delay\": \"PT5S\", "
                + "\"technicalFailureRate\": 0.2, \"businessFailureRate\": 0.0}): " + firstLine(e.getMostSpecificCause().getMessage())));
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

package dev.ordersaga.order;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ordersaga.problem.ProblemType;
import dev.ordersaga.problem.Problems.FieldProblem;
import dev.ordersaga.problem.Problems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as {@code application/problem+json} (RFC 9457). A bad request names each bad
 * field in {@code errors: [{field, message}]}, with JSON paths such as {@code items[0].quantity}.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors().forEach(e -> errors.add(new FieldProblem(e.getObjectName(), e.getDefaultMessage())));
        errors.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
        return badRequest("The order is not valid: " + errors.size() + " field(s) rejected", errors, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String expected = mismatch.getTargetType() == null ? "another type" : mismatch.getTargetType().getSimpleName();
            String message = mismatch instanceof InvalidFormatException invalid
                    ? "'" + invalid.getValue() + "' is not a valid " + expected
                    : "has the wrong type (expected " + expected + ")";
            return badRequest("The request body does not fit the order schema", List.of(new FieldProblem(field, message)), headers);
        }
        return badRequest("The request body is not valid JSON: " + Problems.firstLine(cause.getMessage()), List.of(), headers);
    }

    @ExceptionHandler(IdempotentOrders.KeyReusedException.class)
    ResponseEntity<Object> keyReused(IdempotentOrders.KeyReusedException ex) {
        return Problems.respond(Problems.problem(ProblemType.IDEMPOTENCY_KEY_REUSED, ex.getMessage()));
    }

    /** An order with an Idempotency-Key whose record cannot be checked: nothing started, the client sends it again later. */
    @ExceptionHandler(IdempotencyKeys.KeysUnavailableException.class)
    ResponseEntity<Object> keysUnavailable(IdempotencyKeys.KeysUnavailableException ex) {
        log.warn("Refusing an order with an Idempotency-Key for now (503): {}", ex.getMessage(), ex);
        return Problems.unavailable(ProblemType.IDEMPOTENCY_KEYS_UNAVAILABLE, "The Idempotency-Key cannot be checked right now, so no order"
                + " was started; send the same request with the same key again later (an order without the header is not affected)");
    }

    /**
     * The engine did not confirm the start of an order (503). Where it may have started, the answer names the order, so a
     * client can look it up rather than place it again: a repeat without an {@code Idempotency-Key} would be a second order.
     */
    @ExceptionHandler(OrderService.StartNotConfirmedException.class)
    ResponseEntity<Object> startNotConfirmed(OrderService.StartNotConfirmedException ex) {
        log.warn("Answering 503 for order {} (it may have started: {}): {}", ex.orderId(), ex.mayHaveStarted(), ex.getMessage(), ex);
        if (!ex.mayHaveStarted()) {
            return Problems.unavailable(ProblemType.ENGINE_BUSY, "The process engine is busy and refused to start the order, so nothing was"
                    + " started; send the same request again later");
        }
        ProblemDetail problem = Problems.problem(ProblemType.ORDER_START_UNCONFIRMED, "The process engine did not confirm the start of order "
                + ex.orderId() + " in time; it may have started. GET /orders/" + ex.orderId() + " tells whether it did (it may take a few seconds to"
                + " appear). To place an order again safely, send it with an Idempotency-Key and repeat it with the same key: a repeat"
                + " answers the order that started and never starts a second one.");
        problem.setProperty("orderId", ex.orderId());
        return Problems.unavailable(problem);
    }

    @ExceptionHandler(OrderController.InvalidHeaderException.class)
    ResponseEntity<Object> invalidHeader(OrderController.InvalidHeaderException ex) {
        return badRequest("Invalid header " + ex.header, List.of(new FieldProblem(ex.header, ex.getMessage())), new HttpHeaders());
    }

    private ResponseEntity<Object> badRequest(String detail, List<FieldProblem> errors, HttpHeaders headers) {
        return Problems.respond(Problems.invalid(detail, errors), headers);
    }

    static String path(JsonMappingException e) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

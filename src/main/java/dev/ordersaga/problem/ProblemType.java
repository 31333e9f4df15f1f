package dev.ordersaga.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** Every kind of error the API answers: its status, its type URI ({@code https://ordersaga.dev/problems/…}) and its title. */
public enum ProblemType {

    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request"),
    INVALID_FAULTS(HttpStatus.BAD_REQUEST, "invalid-faults", "Invalid faults"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
    ORDER_NOT_FOUND(HttpStatus.NOT_FOUND, "order-not-found", "Order not found"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
    UNKNOWN_PARTICIPANT(HttpStatus.NOT_FOUND, "unknown-participant", "Unknown participant"),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency-Key reused"),
    ENGINE_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "engine-busy", "Process engine busy"),
    ORDER_START_UNCONFIRMED(HttpStatus.SERVICE_UNAVAILABLE, "order-start-unconfirmed", "Order start unconfirmed"),
    IDEMPOTENCY_KEYS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "idempotency-keys-unavailable", "Idempotency-Key store unavailable"),
    TRACKING_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "tracking-unavailable", "Tracking unavailable");

    private static final String BASE = "https://ordersaga.dev/problems/";

    private final HttpStatus status;
    private final URI uri;
    private final String title;

    ProblemType(HttpStatus status, String name, String title) {
        this.status = status;
        this.uri = URI.create(BASE + name);
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }
}

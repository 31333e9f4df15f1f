package dev.ordersaga.order;

import dev.ordersaga.ConditionalOnSaga;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /orders}: validates an order and starts its saga. Reading orders is the tracking feature's. */
@ConditionalOnSaga
@RestController
public class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderService orders;
    private final IdempotentOrders idempotent;

    public OrderController(OrderService orders, IdempotentOrders idempotent) {
        this.orders = orders;
        this.idempotent = idempotent;
    }

    @PostMapping(path = "/orders", consumes = "application/json", produces = "application/json")
    public ResponseEntity<OrderAccepted> place(@Valid @RequestBody PlaceOrderRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Principal caller) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidHeaderException(IDEMPOTENCY_KEY, "must be 1 to 200 characters");
        }
        var placed = idempotencyKey == null
                ? OrderAccepted.created(orders.place(request, null).orderId())
                : idempotent.place(request, idempotencyKey, caller == null ? null : caller.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/orders/" + placed.orderId()))
                .body(placed);
    }

    /** A request header with a bad value. */
    static class InvalidHeaderException extends RuntimeException {
        final String header;

        InvalidHeaderException(String header, String message) {
            super(message);
            this.header = header;
        }
    }
}

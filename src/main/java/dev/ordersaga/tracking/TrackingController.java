package dev.ordersaga.tracking;

import dev.ordersaga.ConditionalOnSaga;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders/{orderId}}: the order's state and history; unknown ids answer 404 problem+json. */
@ConditionalOnSaga
@RestController
public class TrackingController {

    private final OrderViews views;

    public TrackingController(OrderViews views) {
        this.views = views;
    }

    @GetMapping(path = "/orders/{orderId}", produces = "application/json")
    public ResponseEntity<?> get(@PathVariable String orderId) {
        return views.find(orderId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No order with id " + orderId);
            problem.setType(URI.create("https://ordersaga.dev/problems/order-not-found"));
            problem.setTitle("Order not found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        });
    }
}

package dev.ordersaga.tracking.query;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.order.OrderIds;
import dev.ordersaga.problem.ProblemType;
import dev.ordersaga.problem.Problems.FieldProblem;
import dev.ordersaga.problem.Problems;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read side of the API, answered from Elasticsearch:
 * <ul>
 *   <li>{@code GET /orders/{orderId}}: the order's state, failure reason, step status and full history (real
 *       time); an order accepted but not projected yet answers {@code OrderCreated}; unknown ids answer 404 problem+json;
 *   <li>{@code GET /orders}: search by state, customer, creation time and "stuck", paged and sorted;
 *   <li>{@code GET /orders/stats}: how many orders are in each state.
 * </ul>
 * Bad parameters answer 400 problem+json naming each; an unreachable Elasticsearch answers 503.
 */
@ConditionalOnSaga
@RestController
public class TrackingController {

    private static final Logger log = LoggerFactory.getLogger(TrackingController.class);

    private final OrderReader orders;
    private final OrderIds ids;
    private final Clock clock = Clock.systemUTC();

    public TrackingController(OrderReader orders, OrderIds ids) {
        this.orders = orders;
        this.ids = ids;
    }

    /**
     * The order as projected; an order accepted but not projected yet (the {@code Location} of a {@code 202} asked at once, on
     * any instance) answers its first state, {@code OrderCreated}, with {@code projected: false}: its id carries the
     * signature of the instances ({@link OrderIds}). Any other id is unknown.
     */
    @GetMapping(path = "/orders/{orderId}", produces = "application/json")
    public ResponseEntity<?> get(@PathVariable String orderId) throws IOException {
        return orders.find(orderId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ids.issued(orderId) ? ResponseEntity.ok(OrderView.notProjectedYet(orderId)) : orderNotFound(orderId));
    }

    /** The 404 of an unknown order id, for every endpoint under {@code /orders/{orderId}}. */
    public static ResponseEntity<ProblemDetail> orderNotFound(String orderId) {
        return Problems.respond(Problems.problem(ProblemType.ORDER_NOT_FOUND, "No order with id " + orderId));
    }

    @GetMapping(path = "/orders", produces = "application/json")
    public OrderPage search(@RequestParam MultiValueMap<String, String> parameters) throws IOException {
        return orders.search(OrderQuery.forSearch(parameters), clock.instant());
    }

    @GetMapping(path = "/orders/stats", produces = "application/json")
    public OrderStats stats(@RequestParam MultiValueMap<String, String> parameters) throws IOException {
        return orders.stats(OrderQuery.forStats(parameters), clock.instant());
    }

    @ExceptionHandler(OrderQuery.InvalidParametersException.class)
    ResponseEntity<ProblemDetail> invalidParameters(OrderQuery.InvalidParametersException e) {
        return Problems.respond(Problems.invalid("Invalid query parameter(s): " + String.join(", ", e.problems.stream().map(FieldProblem::field)
                .toList()), e.problems));
    }

    /** Elasticsearch unreachable, or refusing: the saga is unaffected, only tracking is. */
    @ExceptionHandler({IOException.class, ElasticsearchException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        return trackingUnavailable(e);
    }

    /** The 503 of a read that Elasticsearch did not answer, for every endpoint that reads the projection. */
    public static ResponseEntity<ProblemDetail> trackingUnavailable(Exception e) {
        log.warn("Order tracking cannot reach Elasticsearch: {}", e.toString());
        return Problems.unavailable(ProblemType.TRACKING_UNAVAILABLE, "Order tracking is unavailable right now; orders are still processed."
                + " Try again later.");
    }
}

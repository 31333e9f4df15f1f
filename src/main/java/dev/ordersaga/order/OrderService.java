package dev.ordersaga.order;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.engine.EngineErrors;
import dev.ordersaga.observability.SagaMetrics;
import dev.ordersaga.observability.SagaSpan;
import dev.ordersaga.observability.SagaTracing;
import io.camunda.client.CamundaClient;
import io.grpc.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts an order's saga by publishing the process's start message with the order as variables ({@link OrderVariables}).
 * The message id is the order id, so the engine itself refuses a second start of the same order within
 * {@link OrderProperties#idempotencyWindow()}: the same {@code Idempotency-Key} always yields the same
 * order id and one saga, on whichever instance it arrives.
 *
 * @param camunda the engine
 * @param properties the process's start message, currency, step deadline and idempotency window
 * @param tracing starts each order's trace
 * @param metrics counts the orders started
 * @param ids makes the order ids
 */
@ConditionalOnSaga
@Service
public record OrderService(CamundaClient camunda, OrderProperties properties, SagaTracing tracing, SagaMetrics metrics, OrderIds ids) {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    /** What placing an order did. */
    public record Placed(String orderId, boolean repeated) {}

    public Placed place(PlaceOrderRequest request, String idempotencyKey) {
        return start(orderIdFor(idempotencyKey), request, timeToLive(idempotencyKey));
    }

    /**
     * Starts the saga of an order placed with an {@code Idempotency-Key}, whose id is given ({@link IdempotentOrders}): the
     * engine keeps its start message for the idempotency window, refusing a second start of the same order meanwhile.
     */
    Placed startKept(String orderId, PlaceOrderRequest request) {
        return start(orderId, request, properties.idempotencyWindow());
    }

    /** Starts the saga of an order; the engine keeps the start message for {@code keepFor}. */
    Placed start(String orderId, PlaceOrderRequest request, Duration keepFor) {
        // The root span of the order's trace; the process instance carries its context to every step.
        SagaSpan span = tracing.startOrder(orderId);
        try (SagaSpan.Scope scope = span.open()) {
            var variables = OrderVariables.atStart(orderId, request, total(request), properties.currency(), properties.stepTimeout().toString()).asMap();
            variables.put(SagaTracing.TRACEPARENT_VARIABLE, span.traceparent());
            try {
                camunda.newPublishMessageCommand()
                        .messageName(properties.processMessage())
                        .correlationKey(orderId)
                        .messageId(orderId)
                        .timeToLive(keepFor)
                        .variables(variables)
                        .send()
                        .join();
            } catch (RuntimeException e) {
                Status.Code code = EngineErrors.code(e);
                if (code == Status.Code.ALREADY_EXISTS) {
                    log.info("Order {} was placed before (its start message is still kept); not starting it again", orderId);
                    return new Placed(orderId, true);
                }
                span.end(e);
                throw new StartNotConfirmedException(orderId, code != Status.Code.RESOURCE_EXHAUSTED, e);
            }
            metrics.orderStarted();
            log.debug("Order {} placed for customer {} ({} items, total {} {})", orderId, request.customerId(),
                    request.items().size(), total(request), properties.currency());
            return new Placed(orderId, false);
        } finally {
            span.end(null);
        }
    }

    /**
     * How long the engine keeps the start message: the idempotency window for an order placed with a key
     * (a repeated key yields the same order id, which the engine refuses while it keeps the message);
     * zero for one without, whose random order id can never come again. A kept message is a copy of
     * the whole order in the engine's state, and the in-memory engine scans its whole state on every
     * lookup: keeping every order for 24 hours made each order slower than the one before.
     */
    Duration timeToLive(String idempotencyKey) {
        return idempotencyKey == null ? Duration.ZERO : properties.idempotencyWindow();
    }

    /** A random order id, or one derived from the client's idempotency key; signed either way ({@link OrderIds}). */
    String orderIdFor(String idempotencyKey) {
        return idempotencyKey == null ? ids.next() : ids.derived("order-saga/idempotency-key/" + idempotencyKey);
    }

    /**
     * The engine did not confirm the start of an order. Back pressure ({@code RESOURCE_EXHAUSTED}) means it refused the
     * command, so nothing started; any other failure (a time-out, a lost connection) leaves open whether it started, as the
     * engine may have written the command before the answer was lost.
     */
    public static class StartNotConfirmedException extends RuntimeException {

        private final String orderId;
        private final boolean mayHaveStarted;

        StartNotConfirmedException(String orderId, boolean mayHaveStarted, Throwable cause) {
            super("The engine did not confirm the start of order " + orderId + ": " + cause.getMessage(), cause);
            this.orderId = orderId;
            this.mayHaveStarted = mayHaveStarted;
        }

        public String orderId() {
            return orderId;
        }

        public boolean mayHaveStarted() {
            return mayHaveStarted;
        }
    }

    static BigDecimal total(PlaceOrderRequest request) {
        return request.items().stream()
                .map(item -> item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
    }
}

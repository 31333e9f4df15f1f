package dev.ordersaga.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.observability.SagaSpan;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Places an order sent with an {@code Idempotency-Key}. The key is bound to its scope (the authenticated caller, if
 * any, and the order's customer), to a hash of the request, and to the order it started ({@link IdempotencyKeys}):
 * <ul>
 *   <li>the first use starts a new order, with a random order id;
 *   <li>the same key with the same request answers that order as it is now (its real state);
 *   <li>the same key with another request is refused ({@link KeyReusedException}, 422);
 *   <li>the same key from another caller or customer is another key.
 * </ul>
 *
 * @param orders starts the sagas
 * @param keys what each key is bound to
 * @param states the state an order is in now, as tracking knows it (absent where tracking does not run)
 * @param mapper writes the request as JSON for its hash
 */
@ConditionalOnSaga
@Service
public record IdempotentOrders(OrderService orders, IdempotencyKeys keys, ObjectProvider<OrderStates> states, ObjectMapper mapper) {

    private static final Logger log = LoggerFactory.getLogger(IdempotentOrders.class);

    /**
     * @param caller the authenticated caller's name, or null
     * @throws KeyReusedException if the key came with another request before
     */
    public OrderAccepted place(PlaceOrderRequest request, String idempotencyKey, String caller) {
        String scope = (caller == null ? "-" : caller) + "/" + request.customerId();
        return switch (keys.claim(scope, idempotencyKey, hash(request))) {
            case IdempotencyKeys.Claim.First first -> {
                orders.startKept(first.orderId(), request);
                yield OrderAccepted.created(first.orderId());
            }
            case IdempotencyKeys.Claim.Repeat repeat -> {
                Optional<String> state = Optional.ofNullable(states.getIfAvailable()).flatMap(s -> s.stateOf(repeat.orderId()));
                if (state.isEmpty()) {
                    // Not tracked yet, or its start never reached the engine: starting it again is safe (the engine keeps the
                    // start message for the window and refuses a second start of the order).
                    orders.startKept(repeat.orderId(), request);
                }
                SagaSpan.aboutOrder(repeat.orderId(),
                        () -> log.info("Order {}: Idempotency-Key repeated with the same request; answering the order as it is", repeat.orderId()));
                yield state.map(now -> new OrderAccepted(repeat.orderId(), now)).orElseGet(() -> OrderAccepted.created(repeat.orderId()));
            }
            case IdempotencyKeys.Claim.Conflict conflict -> throw new KeyReusedException(idempotencyKey);
        };
    }

    /** The SHA-256 of the request as JSON (its fields in declaration order). */
    String hash(PlaceOrderRequest request) {
        try {
            return IdempotencyKeys.sha256(mapper.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the order request as JSON", e);
        }
    }

    /** An Idempotency-Key sent again with another request than the one it came with first. */
    public static class KeyReusedException extends RuntimeException {
        public KeyReusedException(String key) {
            super("The Idempotency-Key '" + key + "' was used with another request; send a new key for a new order");
        }
    }
}

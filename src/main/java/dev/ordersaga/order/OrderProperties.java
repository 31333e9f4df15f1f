package dev.ordersaga.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param currency the currency of every price (the demo shop sells in one currency)
 * @param stepTimeout deadline of each saga step, handed to the process as variable {@code stepTimeout}
 * @param idempotencyWindow how long a repeated {@code Idempotency-Key} (or order id) is recognised: the
 *     time-to-live of the start message of an order placed with a key, whose id is the order id (an
 *     order placed without a key gets a random id and a start message that is not kept)
 * @param processMessage the name of the message that starts the order process
 */
@ConfigurationProperties("order-saga.order")
public record OrderProperties(
        @DefaultValue("EUR") String currency,
        @DefaultValue("PT2M") Duration stepTimeout,
        @DefaultValue("PT24H") Duration idempotencyWindow,
        @DefaultValue("OrderPlaced") String processMessage) {}

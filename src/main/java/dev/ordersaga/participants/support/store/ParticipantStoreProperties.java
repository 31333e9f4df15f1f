package dev.ordersaga.participants.support.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code order-saga.participants.store.*}.
 *
 * @param retention how long a handled command and its reply are kept for deduplication (the ledger and the compensation
 *     markers are kept for good)
 * @param relayInterval how often the outbox is looked at, for replies a crash left between commit and send
 * @param relayAfter how old an outbox entry must be before the relay sends it: younger ones are still being sent
 */
@ConfigurationProperties(ParticipantStoreProperties.PREFIX)
public record ParticipantStoreProperties(
        @DefaultValue("P7D") Duration retention,
        @DefaultValue("1s") Duration relayInterval,
        @DefaultValue("5s") Duration relayAfter) {

    public static final String PREFIX = "order-saga.participants.store";
}

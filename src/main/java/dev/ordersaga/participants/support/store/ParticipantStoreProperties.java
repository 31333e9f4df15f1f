package dev.ordersaga.participants.support.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code order-saga.participants.store.*}: how long handled commands are remembered and how the outbox is relayed.
 *
 * @param retention how long a handled command (and its reply) is kept for deduplication; the compensation markers and
 *     the ledger are kept for good
 * @param relayInterval how often replies still in the outbox are looked for (after a crash between commit and send)
 * @param relayAfter how old an outbox entry must be before the relay sends it (younger ones are still being sent)
 */
@ConfigurationProperties(ParticipantStoreProperties.PREFIX)
public record ParticipantStoreProperties(
        @DefaultValue("P7D") Duration retention,
        @DefaultValue("1s") Duration relayInterval,
        @DefaultValue("5s") Duration relayAfter) {

    public static final String PREFIX = "order-saga.participants.store";
}

package dev.ordersaga.participants.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The switch of all reference participants. Each participant has its own settings under {@code
 * order-saga.participants.<name>} (see {@link ParticipantSettings}).
 *
 * @param enabled whether the reference participants run in this application; {@code false} creates no
 *     participant listener and no admin endpoint, so that services of your own can consume the topics
 * @param rememberedOrders how many orders each reference participant remembers, the most recent ones: its
 *     outcome per order (what a repeated or compensating command finds) and its reply per command id. Older
 *     ones are forgotten, which keeps the memory of a long-running demo flat; a compensation of a forgotten
 *     order finds "that step never happened". A production participant keeps this in its database.
 */
@ConfigurationProperties(ParticipantsProperties.PREFIX)
public record ParticipantsProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("" + ParticipantsProperties.DEFAULT_REMEMBERED_ORDERS) int rememberedOrders) {

    public static final String PREFIX = "order-saga.participants";
    /** The default of {@link #rememberedOrders()}. */
    public static final int DEFAULT_REMEMBERED_ORDERS = 10_000;

    public ParticipantsProperties {
        if (rememberedOrders < 1) {
            throw new IllegalArgumentException(PREFIX + ".remembered-orders must be at least 1, is " + rememberedOrders);
        }
    }
}

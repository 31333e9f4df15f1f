package dev.ordersaga.participants.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The switch of all reference participants. Each participant has its own settings under {@code
 * order-saga.participants.<name>} (see {@link ParticipantSettings}); their database is {@code spring.datasource.*} and
 * {@code order-saga.participants.store.*} ({@code ParticipantStoreProperties}).
 *
 * @param enabled whether the reference participants run in this application; {@code false} creates no
 *     participant listener, no admin endpoint and needs no database, so that services of your own can consume the topics
 */
@ConfigurationProperties(ParticipantsProperties.PREFIX)
public record ParticipantsProperties(@DefaultValue("true") boolean enabled) {

    public static final String PREFIX = "order-saga.participants";
}

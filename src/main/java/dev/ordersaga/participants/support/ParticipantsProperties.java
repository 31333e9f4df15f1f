package dev.ordersaga.participants.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The switch of all reference participants; each has its {@link ParticipantSettings} under {@code
 * order-saga.participants.<name>}, their database is {@code spring.datasource.*} and {@code order-saga.participants.store.*}.
 *
 * @param enabled {@code false} runs no participant, no admin endpoint and needs no database
 */
@ConfigurationProperties(ParticipantsProperties.PREFIX)
public record ParticipantsProperties(@DefaultValue("true") boolean enabled) {

    public static final String PREFIX = "order-saga.participants";
}

package dev.ordersaga.participants.payment;

import dev.ordersaga.participants.payment.api.PaymentContract;
import dev.ordersaga.participants.support.ParticipantSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether the payment participant runs here (with {@code order-saga.participants.enabled})
 * @param concurrency listener threads: as many as its command topic has partitions (6 by default), so that
 *     each thread has one partition; a thread reads one command per poll, and with several partitions a
 *     command arriving on one whose last fetch is still buffered waits for the fetch of the others
 *     ({@code fetch.max.wait.ms}, 500 ms)
 * @param commandTopic where it consumes commands
 * @param eventTopic where it answers
 */
@ConfigurationProperties("order-saga.participants.payment")
public record PaymentProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("6") int concurrency,
        @DefaultValue(PaymentContract.COMMAND_TOPIC) String commandTopic,
        @DefaultValue(PaymentContract.EVENT_TOPIC) String eventTopic) implements ParticipantSettings {

    public PaymentProperties {
        ParticipantSettings.validate(PaymentContract.NAME, concurrency, commandTopic, eventTopic);
    }
}

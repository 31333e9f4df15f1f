package dev.ordersaga.participants.payment;

import dev.ordersaga.participants.payment.api.PaymentContract;
import dev.ordersaga.participants.support.ParticipantSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether the payment participant runs here (with {@code order-saga.participants.enabled})
 * @param concurrency listener threads, each with its share of the command topic's partitions; a thread takes
 *     every command buffered for its partitions in one batch, so a few threads serve many partitions (and
 *     each one less is one consumer less polling the broker)
 * @param commandTopic where it consumes commands
 * @param eventTopic where it answers
 */
@ConfigurationProperties("order-saga.participants.payment")
public record PaymentProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1") int concurrency,
        @DefaultValue(PaymentContract.COMMAND_TOPIC) String commandTopic,
        @DefaultValue(PaymentContract.EVENT_TOPIC) String eventTopic) implements ParticipantSettings {

    public PaymentProperties {
        ParticipantSettings.validate(PaymentContract.NAME, concurrency, commandTopic, eventTopic);
    }
}

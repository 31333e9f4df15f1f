package dev.ordersaga.participants.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ParticipantSettingsTest {

    private static Binder binder(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties));
    }

    @Test
    void withNothingSetAParticipantRunsOnOneThreadOnItsConventionalTopics() {
        assertThat(ParticipantSettings.bind(binder(Map.of("order-saga.participants.enabled", "true")), "inventory"))
                .isEqualTo(new ParticipantSettings(true, 1, "inventory-commands", "inventory-events"));
    }

    @Test
    void eachParticipantIsSetUnderItsOwnName() {
        Binder binder = binder(Map.of(
                "order-saga.participants.payment.concurrency", "3",
                "order-saga.participants.payment.command-topic", "pay-in",
                "order-saga.participants.shipment.enabled", "false",
                "order-saga.participants.remembered-orders", "5"));

        assertThat(ParticipantSettings.bind(binder, "payment")).isEqualTo(new ParticipantSettings(true, 3, "pay-in", "payment-events"));
        assertThat(ParticipantSettings.bind(binder, "shipment").enabled()).isFalse();
        assertThat(ParticipantSettings.bind(binder, "inventory")).isEqualTo(ParticipantSettings.defaults("inventory"));
    }

    @Test
    void invalidSettingsNameTheParticipant() {
        assertThatThrownBy(() -> ParticipantSettings.bind(binder(Map.of("order-saga.participants.payment.concurrency", "0")), "payment"))
                .hasMessageContaining("order-saga.participants.payment.")
                .hasMessageContaining("concurrency must be at least 1");
        assertThatThrownBy(() -> ParticipantSettings.bind(binder(Map.of("order-saga.participants.payment.event-topic", " ")), "payment"))
                .hasMessageContaining("event-topic");
    }
}

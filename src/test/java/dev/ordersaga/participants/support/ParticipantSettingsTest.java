package dev.ordersaga.participants.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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
                "order-saga.participants.store.retention", "P1D"));

        assertThat(ParticipantSettings.bind(binder, "payment")).isEqualTo(new ParticipantSettings(true, 3, "pay-in", "payment-events"));
        assertThat(ParticipantSettings.bind(binder, "shipment").enabled()).isFalse();
        assertThat(ParticipantSettings.bind(binder, "inventory")).isEqualTo(ParticipantSettings.defaults("inventory"));
    }

    @Test
    void environmentVariablesSetThemAsTheReadmeSays() {
        var environment = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "ORDER_SAGA_PARTICIPANTS_SHIPMENT_CONCURRENCY", "2",
                "ORDER_SAGA_PARTICIPANTS_SHIPMENT_COMMAND_TOPIC", "ship-in",
                "ORDER_SAGA_PARTICIPANTS_NOTIFICATION_ENABLED", "false"));
        Binder binder = new Binder(ConfigurationPropertySources.from(environment));

        assertThat(ParticipantSettings.bind(binder, "shipment")).isEqualTo(new ParticipantSettings(true, 2, "ship-in", "shipment-events"));
        assertThat(ParticipantSettings.bind(binder, "notification").enabled()).isFalse();
    }

    @Test
    void invalidSettingsNameTheParticipant() {
        assertThatThrownBy(() -> ParticipantSettings.bind(binder(Map.of("order-saga.participants.payment.concurrency", "0")), "payment"))
                .hasMessageContaining("order-saga.participants.payment.")
                .hasMessageContaining("concurrency must be at least 1");
        assertThatThrownBy(() -> ParticipantSettings.bind(binder(Map.of("order-saga.participants.payment.event-topic", " ")), "payment"))
                .hasMessageContaining("event-topic must not be blank");
    }
}

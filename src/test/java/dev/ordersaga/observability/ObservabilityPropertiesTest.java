package dev.ordersaga.observability;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ObservabilityPropertiesTest {

    @Test
    void aNonPositiveThresholdOrATooFrequentRefreshIsRefusedWithItsPropertyName() {
        assertThatThrownBy(() -> new ObservabilityProperties(Duration.ZERO, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order-saga.observability.stuck-after");
        assertThatThrownBy(() -> new ObservabilityProperties(Duration.ofMinutes(5), Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order-saga.observability.gauge-refresh");
    }
}

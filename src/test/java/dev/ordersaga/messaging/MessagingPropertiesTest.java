package dev.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ContainerProperties;

class MessagingPropertiesTest {

    @Test
    void aContainerCommitsEveryCommitIntervalNotAfterEveryPoll() {
        var properties = new MessagingProperties(6, (short) 1, "order-saga-dlt", "order-state", Duration.ofMillis(250));
        var container = new ContainerProperties("inventory-commands");

        properties.commitPeriodically(container);

        assertThat(container.getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
        assertThat(container.getAckTime()).isEqualTo(250);
    }

    @Test
    void refusesACommitIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new MessagingProperties(6, (short) 1, "order-saga-dlt", "order-state", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commit-interval");
    }
}

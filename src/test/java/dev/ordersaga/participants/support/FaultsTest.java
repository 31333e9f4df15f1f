package dev.ordersaga.participants.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsTest {

    @Test
    void acceptsDelaysUpToTheMaximumAndRatesBetweenZeroAndOne() {
        var faults = new Faults(Faults.MAX_DELAY, 0.0, 1.0);

        assertThat(faults.delay()).isEqualTo(Faults.MAX_DELAY);
        assertThat(faults.businessFailureRate()).isEqualTo(1.0);
        assertThat(faults).isNotEqualTo(Faults.NONE);
    }

    @Test
    void rejectsNegativeOrTooLongDelays() {
        assertThatThrownBy(() -> new Faults(Duration.ofSeconds(-1), 0, 0)).isInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("delay");
        assertThatThrownBy(() -> new Faults(Faults.MAX_DELAY.plusMillis(1), 0, 0)).isInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("delay");
    }

    @Test
    void rejectsRatesOutsideZeroToOne() {
        assertThatThrownBy(() -> new Faults(Duration.ZERO, -0.1, 0)).isInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("technicalFailureRate");
        assertThatThrownBy(() -> new Faults(Duration.ZERO, 0, 1.01)).isInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("businessFailureRate");
        assertThatThrownBy(() -> new Faults(Duration.ZERO, Double.NaN, 0)).isInstanceOf(Faults.InvalidFaultsException.class);
    }

    @Test
    void aRequestWithOmittedFieldsMeansNoSuchFault() {
        var faults = new ParticipantsController.FaultsRequest("PT5S", null, null, null, null, null, null).toFaults();

        assertThat(faults).isEqualTo(new Faults(Duration.ofSeconds(5), 0.0, 0.0));
    }

    @Test
    void aRequestWithABadDurationIsInvalid() {
        assertThatThrownBy(() -> new ParticipantsController.FaultsRequest("5 seconds", null, null, null, null, null, null).toFaults())
                .isInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void aRequestForReplyFaultsInjectsThem() {
        var faults = new ParticipantsController.FaultsRequest(null, null, null, 0.05, 0.03, "PT2S", 0.02).toFaults();

        assertThat(faults).isEqualTo(new Faults(Duration.ZERO, 0.0, 0.0, 0.05, 0.03, Duration.ofSeconds(2), 0.02));
        assertThat(faults.anyOfReplies()).isTrue();
    }

    @Test
    void replyFaultsAreChecked() {
        assertThatThrownBy(() -> new Faults(Duration.ZERO, 0, 0, 1.5, 0, Duration.ZERO, 0)).isInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("duplicateReplyRate");
        assertThatThrownBy(() -> new Faults(Duration.ZERO, 0, 0, 0, 0.1, Duration.ofMinutes(2), 0)).isInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("lateReplyDelay");
        assertThatThrownBy(() -> new ParticipantsController.FaultsRequest(null, null, null, null, 0.1, "2s", null).toFaults())
                .isInstanceOf(Faults.InvalidFaultsException.class).hasMessageContaining("lateReplyDelay");
    }
}

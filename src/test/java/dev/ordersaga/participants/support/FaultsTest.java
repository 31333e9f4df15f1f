package dev.ordersaga.participants.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
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

    /** As the admin endpoint reads its body. */
    private static Faults request(String json) throws JsonProcessingException {
        return Commands.CODEC.mapper().readValue(json, Faults.class);
    }

    @Test
    void aRequestWithOmittedFieldsMeansNoSuchFault() throws JsonProcessingException {
        assertThat(request("{\"delay\": \"PT5S\"}")).isEqualTo(new Faults(Duration.ofSeconds(5), 0.0, 0.0));
        assertThat(request("{}")).isEqualTo(Faults.NONE);
    }

    @Test
    void aRequestWithABadDurationIsInvalid() {
        assertThatThrownBy(() -> request("{\"delay\": \"5 seconds\"}")).isInstanceOf(JsonProcessingException.class).hasMessageContaining("delay");
    }

    @Test
    void aRequestForReplyFaultsInjectsThem() throws JsonProcessingException {
        var faults = request("{\"duplicateReplyRate\": 0.05, \"lateReplyRate\": 0.03, \"lateReplyDelay\": \"PT2S\", \"replayReplyRate\": 0.02}");

        assertThat(faults).isEqualTo(new Faults(Duration.ZERO, 0.0, 0.0, 0.05, 0.03, Duration.ofSeconds(2), 0.02));
        assertThat(faults.anyOfReplies()).isTrue();
    }

    @Test
    void replyFaultsAreChecked() {
        assertThatThrownBy(() -> new Faults(Duration.ZERO, 0.0, 0.0, 1.5, 0.0, Duration.ZERO, 0.0)).isInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("duplicateReplyRate");
        assertThatThrownBy(() -> new Faults(Duration.ZERO, 0.0, 0.0, 0.0, 0.1, Duration.ofMinutes(2), 0.0)).isInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("lateReplyDelay");
        assertThatThrownBy(() -> request("{\"lateReplyRate\": 0.1, \"lateReplyDelay\": \"2s\"}")).hasMessageContaining("lateReplyDelay");
        assertThatThrownBy(() -> request("{\"technicalFailureRate\": 2}")).hasRootCauseInstanceOf(Faults.InvalidFaultsException.class)
                .hasMessageContaining("technicalFailureRate must be between 0 and 1");
    }
}

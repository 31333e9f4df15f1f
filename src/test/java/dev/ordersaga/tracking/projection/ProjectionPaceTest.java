package dev.ordersaga.tracking.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProjectionPaceTest {

    private final ProjectionPace pace = new ProjectionPace(Duration.ofSeconds(1));

    @Test
    void aBatchThatLeftNothingToReadIsFollowedByWhatIsLeftOfTheInterval() {
        assertThat(pace.pauseAfter(false, Duration.ofMillis(150))).isEqualTo(Duration.ofMillis(850));
        assertThat(pace.pauseAfter(false, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void behindOrAfterABatchThatTookTheWholeIntervalTheNextFollowsAtOnce() {
        assertThat(pace.pauseAfter(true, Duration.ofMillis(10))).isZero();
        assertThat(pace.pauseAfter(false, Duration.ofSeconds(1))).isZero();
        assertThat(pace.pauseAfter(false, Duration.ofSeconds(3))).isZero();
        assertThat(new ProjectionPace(Duration.ZERO).pauseAfter(false, Duration.ZERO)).isZero();
    }

    @Test
    void thePauseHoldsTheThreadOnlyWhenCaughtUp() throws InterruptedException {
        var shortPace = new ProjectionPace(Duration.ofMillis(200));
        long started = System.nanoTime();
        shortPace.pause(false, started);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        long behind = System.nanoTime();
        shortPace.pause(true, behind);
        assertThat(Duration.ofNanos(System.nanoTime() - behind)).isLessThan(Duration.ofMillis(200));
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new ProjectionPace(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}

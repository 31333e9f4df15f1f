package dev.ordersaga.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProjectionPaceTest {

    private final ProjectionPace pace = new ProjectionPace(Duration.ofSeconds(1), 5000);

    @Test
    void aSmallBatchIsFollowedByWhatIsLeftOfTheWait() {
        assertThat(pace.pauseAfter(12, Duration.ofMillis(150))).isEqualTo(Duration.ofMillis(850));
        assertThat(pace.pauseAfter(4999, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFullBatchOrOneThatTookTheWholeWaitIsFollowedAtOnce() {
        assertThat(pace.pauseAfter(5000, Duration.ofMillis(10))).isZero();
        assertThat(pace.pauseAfter(12, Duration.ofSeconds(1))).isZero();
        assertThat(pace.pauseAfter(12, Duration.ofSeconds(3))).isZero();
        assertThat(new ProjectionPace(Duration.ZERO, 5000).pauseAfter(1, Duration.ZERO)).isZero();
    }

    @Test
    void thePauseHoldsTheThread() throws InterruptedException {
        var shortPace = new ProjectionPace(Duration.ofMillis(200), 10);
        long started = System.nanoTime();
        shortPace.pause(3, started);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aNegativeWaitOrAnEmptyFullBatchIsRefused() {
        assertThatThrownBy(() -> new ProjectionPace(Duration.ofMillis(-1), 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProjectionPace(Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.ordersaga.benchmark.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    /** A clock that only moves when told: sleeping jumps to the time asked, an issue can take time of its own. */
    private static final class FakeClock implements ArrivalSchedule.Clock {
        long now;
        final List<Long> sleptUntil = new ArrayList<>();

        FakeClock(long now) {
            this.now = now;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long nanoTime) {
            sleptUntil.add(nanoTime);
            now = Math.max(now, nanoTime);
        }
    }

    @Test
    void orderIIsDueAtStartPlusIOverRate() {
        var schedule = new ArrivalSchedule(1_000, 4.0, 10);

        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + SECOND / 4);
        assertThat(schedule.intendedNanos(9)).isEqualTo(1_000 + 9 * SECOND / 4);
        assertThat(schedule.endNanos()).isEqualTo(1_000 + 10 * SECOND / 4);
    }

    @Test
    void aBlockOfADurationHasRateTimesDurationOrders() {
        assertThat(ArrivalSchedule.forDuration(0, 12.5, 40 * SECOND).count()).isEqualTo(500);
        assertThat(ArrivalSchedule.forDuration(0, 0.3, 10 * SECOND).count()).isEqualTo(3);
    }

    @Test
    void eachOrderIsIssuedAtItsIntendedTimeNeverBefore() throws InterruptedException {
        var clock = new FakeClock(0);
        var issuedAt = new ArrayList<Long>();
        var intended = new ArrayList<Long>();

        long lag = new ArrivalSchedule(0, 10.0, 5).run(clock, due -> {
            intended.add(due);
            issuedAt.add(clock.now);
        });

        assertThat(intended).containsExactly(0L, SECOND / 10, 2 * SECOND / 10, 3 * SECOND / 10, 4 * SECOND / 10);
        assertThat(issuedAt).isEqualTo(intended);
        assertThat(lag).isZero();
    }

    @Test
    void aSlowIssueDoesNotShiftTheOrdersAfterIt() throws InterruptedException {
        // Order 1's hand-off takes 1.25 s (a stall, a full GC): the orders due meanwhile go out at once,
        // each still carrying its own intended time, and the schedule is back on time afterwards.
        var clock = new FakeClock(0);
        var intended = new ArrayList<Long>();
        var issuedAt = new ArrayList<Long>();

        long lag = new ArrivalSchedule(0, 4.0, 10).run(clock, due -> {
            intended.add(due);
            issuedAt.add(clock.now);
            if (due == SECOND / 4) {
                clock.now += SECOND + SECOND / 4;
            }
        });

        for (int i = 0; i < 10; i++) {
            assertThat(intended.get(i)).isEqualTo(i * SECOND / 4);
        }
        // Orders 2 to 5 were due by 1.5 s (when the stall ended): issued then, late; order 6 on time again.
        assertThat(issuedAt.subList(2, 6)).containsOnly(SECOND + SECOND / 2);
        assertThat(issuedAt.get(6)).isEqualTo(6 * SECOND / 4);
        assertThat(lag).isEqualTo(SECOND + SECOND / 2 - 2 * SECOND / 4);
    }

    @Test
    void theSchedulerNeverWaitsForAnOrderToFinish() throws InterruptedException {
        // Nothing ever completes: the scheduler still issues every order of the block, on time.
        var clock = new FakeClock(0);
        var issued = new ArrayList<Long>();

        new ArrivalSchedule(0, 100.0, 300).run(clock, issued::add);

        assertThat(issued).hasSize(300);
        assertThat(clock.now).isEqualTo(299 * SECOND / 100);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new ArrivalSchedule(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArrivalSchedule(0, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

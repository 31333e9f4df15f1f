package dev.ordersaga.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryTest {

    @Test
    void theRecoveryOfAKillIsTheLatestFirstProgressOfTheOrdersInFlightAtIt() {
        var kill = new FaultLog.Event(10_000, FaultLog.KILL, "app-1", "");
        var progress = Map.of(
                "done-before", new long[] {1_000, 9_000},
                "moved-on-fast", new long[] {9_500, 10_200, 10_300},
                "held-by-the-killed-one", new long[] {9_900, 21_500},
                "placed-after", new long[] {10_500, 11_000});

        var recovery = Recovery.of(List.of(kill), progress);

        assertThat(recovery).containsExactly(new Recovery.Kill("app-1", 10_000, 2, 11_500, "held-by-the-killed-one"));
    }

    @Test
    void aRecordAtTheMomentOfTheKillIsBeforeIt() {
        var kill = new FaultLog.Event(10_000, FaultLog.KILL, "app-2", "");

        var recovery = Recovery.of(List.of(kill), Map.of("order", new long[] {10_000, 12_000}));

        assertThat(recovery.get(0).recoveryMillis()).isEqualTo(2_000);
    }
}

package dev.ordersaga.benchmark.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    /** One sample per 100 orders from 0 to {@code orders}, resident memory by {@code mb(orders)}, all in this JVM. */
    private static List<ResidentMemory.Sample> samples(long orders, java.util.function.LongUnaryOperator mb) {
        var samples = new ArrayList<ResidentMemory.Sample>();
        for (long n = 0; n <= orders; n += 100) {
            samples.add(new ResidentMemory.Sample(n * 10, "long block", n, mb.applyAsLong(n) - 400, 400));
        }
        return samples;
    }

    @Test
    void flatMemoryGrowsByNothing() {
        assertThat(ResidentMemory.growthPercent(samples(20_000, n -> 1_200), 5_000, 500)).isZero();
    }

    @Test
    void growthIsOverTheLastWindowOfOrdersOnly() {
        // Grows until 15,000 orders, then flat: the last 5,000 orders did not grow it.
        assertThat(ResidentMemory.growthPercent(samples(20_000, n -> 400 + Math.min(n, 15_000) / 10), 5_000, 500)).isZero();
        // Grows 1 MB per 10 orders all along: from ~1,925 MB (mean of 15,000..15,500) to ~2,375 MB (19,500..20,000).
        double growth = ResidentMemory.growthPercent(samples(20_000, n -> 400 + n / 10), 5_000, 500);
        assertThat(growth).isCloseTo(100.0 * (2_375 - 1_925) / 1_925, within(0.01));
    }

    @Test
    void oneSampleTakenBeforeACollectionDoesNotDecideIt() {
        // Flat at 1,000 MB with one spike of 1,500 at the very end: the mean of the last tenth moves by a few percent only.
        double growth = ResidentMemory.growthPercent(samples(20_000, n -> n == 20_000 ? 1_500 : 1_000), 5_000, 500);
        assertThat(growth).isCloseTo(100.0 * 500 / 6 / 1_000, within(0.01));
    }

    @Test
    void noFigureWhenTheSamplesDoNotReachBackAWindow() {
        assertThat(ResidentMemory.growthPercent(samples(4_000, n -> 1_000), 5_000, 500)).isNaN();
        assertThat(ResidentMemory.growthPercent(List.of(), 5_000, 500)).isNaN();
    }

    @Test
    void theTotalIsThisJvmAndItsChildren() {
        assertThat(new ResidentMemory.Sample(0, "x", 0, 900, 450).totalMb()).isEqualTo(1_350);
    }
}

package dev.ordersaga.benchmark.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupRuleTest {

    private final WarmupRule rule = new WarmupRule(3, 0.10);

    @Test
    void stableWhenTheLastThreeBlocksAreWithinTenPercent() {
        assertThat(rule.stable(List.of(90.0, 60.0, 50.0, 52.0, 54.9))).isTrue();
        assertThat(rule.spread(List.of(90.0, 60.0, 50.0, 52.0, 54.9))).isCloseTo(0.098, within(1e-9));
    }

    @Test
    void notStableWhenTheyDifferByMore() {
        assertThat(rule.stable(List.of(50.0, 52.0, 55.1))).isFalse();
        assertThat(rule.stable(List.of(55.0, 50.0, 80.0))).isFalse();
    }

    @Test
    void notStableWithFewerBlocksThanTheRuleAsks() {
        assertThat(rule.stable(List.of(50.0, 50.0))).isFalse();
        assertThat(rule.spread(List.of(50.0, 50.0))).isNaN();
    }

    @Test
    void aBlockWithoutCompletedOrdersIsNotStable() {
        // CPU per order of a block that completed nothing is NaN (a cold JVM): it says nothing.
        assertThat(rule.stable(List.of(Double.NaN, 50.0, 50.0))).isFalse();
        assertThat(rule.stable(List.of(Double.NaN, 50.0, 50.0, 50.0))).isTrue();
    }
}

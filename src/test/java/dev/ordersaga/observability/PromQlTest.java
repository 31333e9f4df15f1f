package dev.ordersaga.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricNamesAndNothingElse() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (step, le) (rate(order_saga_step_duration_seconds_bucket[$__rate_interval])))"))
                .containsExactly("order_saga_step_duration_seconds_bucket");
        assertThat(PromQl.metricNames("(sum(rate(a_total[15m])) == 0) and (max(sum by (instance) (b{state=\"x\", y=~\"a|b\"})) > 1e9)"))
                .containsExactly("a_total", "b");
        assertThat(PromQl.metricNames("sum(increase(x_total[15m])) > 0 or max(y{state=\"CompensationFailed\"}) > 0")).containsExactly("x_total", "y");
    }
}

package dev.ordersaga.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messaging.TraceContext;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class SagaTracingTest {

    @Test
    void onlyAWellFormedVersion00TraceparentIsAParent() {
        assertThat(SagaTracing.isTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isTrue();
        assertThat(SagaTracing.isTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")).isTrue();
        assertThat(SagaTracing.isTraceparent("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isFalse();
        assertThat(SagaTracing.isTraceparent("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")).isFalse();
        assertThat(SagaTracing.isTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333-01")).isFalse();
        assertThat(SagaTracing.isTraceparent(null)).isFalse();
    }

    @Test
    void withTracingOffTheOrdersDerivedTraceIdIsInTheLogContextAndTheHeaders() {
        var tracing = new SagaTracing(Tracer.NOOP);
        SagaSpan span = tracing.startStep(null, "order-1", "ReserveInventory", false);
        assertThat(span.traceId()).isEqualTo(TraceContext.traceId("order-1")).isEqualTo(SagaTracing.traceId("order-1"));
        assertThat(span.traceparent()).startsWith("00-" + span.traceId() + "-");
        MDC.put(SagaSpan.ORDER_ID, "outer");
        try (SagaSpan.Scope scope = span.open()) {
            assertThat(MDC.get(SagaSpan.ORDER_ID)).isEqualTo("order-1");
            assertThat(MDC.get("traceId")).isEqualTo(span.traceId());
        }
        assertThat(MDC.get(SagaSpan.ORDER_ID)).isEqualTo("outer");
        assertThat(MDC.get("traceId")).isNull();
        MDC.clear();
    }
}

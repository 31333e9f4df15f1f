package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.observability.SagaMetrics;
import dev.ordersaga.observability.SagaTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderServiceTest {

    private final OrderService service = new OrderService(null, new OrderProperties("EUR", Duration.ofMinutes(2), Duration.ofHours(24), "OrderPlaced"),
            new SagaTracing(Tracer.NOOP), new SagaMetrics(new SimpleMeterRegistry(), List.of()), OrderIds.withRandomKey());

    @Test
    void theStartMessageOfAnOrderWithAKeyIsKeptForTheIdempotencyWindow() {
        assertThat(service.timeToLive("checkout-4711")).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void theStartMessageOfAnOrderWithoutAKeyIsNotKept() {
        // Its order id is random: there is no repeat to recognise.
        assertThat(service.timeToLive(null)).isEqualTo(Duration.ZERO);
    }

    @Test
    void theSameKeyAlwaysYieldsTheSameOrderIdAndNoKeyARandomOne() {
        assertThat(service.orderIdFor("checkout-4711")).isEqualTo(service.orderIdFor("checkout-4711"));
        assertThat(service.orderIdFor(null)).isNotEqualTo(service.orderIdFor(null));
    }
}

package dev.ordersaga.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.support.UnitTestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class SagaMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SagaMetrics metrics = new SagaMetrics(registry, UnitTestSettings.catalog().steps());

    @Test
    void everyStepOfTheModelsHasItsMetersFromTheStart() {
        assertThat(registry.find("order.saga.step.outcomes").counters()).extracting(c -> c.getId().getTag("step")).contains("ReserveInventory",
                "ReleaseInventory", "ChargePayment", "RefundPayment", "ScheduleShipment", "CancelShipment", "NotifyCustomer", SagaMetrics.OTHER);
        assertThat(registry.find("order.saga.compensations").counters()).extracting(c -> c.getId().getTag("type"))
                .containsExactlyInAnyOrder("ReleaseInventory", "RefundPayment", "CancelShipment", SagaMetrics.OTHER);
        assertThat(registry.get("order.saga.orders.finished").tag("state", "OrderShipped").counter().count()).isZero();
    }

    @Test
    void anOutcomeCountsByKindAndTimesTheStepUnlessItWasDropped() {
        metrics.outcome("ChargePayment", StepOutcome.SUCCESS, 1_000, 1_250);
        metrics.outcome("ChargePayment", StepOutcome.DROPPED, 0, 0);
        var timer = registry.get("order.saga.step.duration").tag("step", "ChargePayment").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(250);
        assertThat(registry.get("order.saga.step.outcomes").tags("step", "ChargePayment", "outcome", "dropped").counter().count()).isEqualTo(1);
    }

    @Test
    void aStepsLatencyHistogramHasAFewFixedBucketsUpToThirtySeconds() {
        metrics.outcome("ChargePayment", StepOutcome.SUCCESS, 1_000, 1_040);
        var buckets = registry.get("order.saga.step.duration").tag("step", "ChargePayment").timer().takeSnapshot().histogramCounts();
        assertThat(buckets).hasSize(14);
        assertThat(buckets[0].bucket(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(5);
        assertThat(buckets[13].bucket(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(30);
        assertThat(buckets[3].count()).as("40 ms is counted up to the 50 ms bucket").isEqualTo(1);
        assertThat(buckets[2].count()).as("not up to 25 ms").isZero();
    }

    @Test
    void aCommandTypeNoStepDeclaresIsCountedAsOtherNeverAsANewTag() {
        metrics.outcome("order-4711", StepOutcome.TECHNICAL_FAILURE, 1, 2);
        metrics.incidentRaised(null);
        assertThat(registry.get("order.saga.step.outcomes").tags("step", SagaMetrics.OTHER, "outcome", "technical_failure").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("order.saga.incidents").tag("step", SagaMetrics.OTHER).counter().count()).isEqualTo(1);
        assertThat(registry.getMeters()).noneMatch(meter -> meter.getId().getTags().stream().anyMatch(tag -> tag.getValue().equals("order-4711")));
    }

    @Test
    void onlyCompensationsAreCountedAsSuch() {
        metrics.commandSent("RefundPayment");
        metrics.commandSent("ChargePayment");
        assertThat(registry.get("order.saga.compensations").tag("type", "RefundPayment").counter().count()).isEqualTo(1);
        assertThat(metrics.isCompensation("RefundPayment")).isTrue();
        assertThat(metrics.isCompensation("ChargePayment")).isFalse();
    }

    @Test
    void aFinalStateFinishesTheOrderAndATimedOutStepCountsAsATimeOutOfThatStep() {
        metrics.stateReached(1, "PaymentProcessed", null);
        metrics.stateReached(2, "OrderShipped", null);
        var reason = JsonNodeFactory.instance.objectNode().put("step", "Reserve inventory").put("event", "StepTimedOut");
        metrics.stateReached(3, "OrderFailed", reason);
        assertThat(registry.get("order.saga.orders.finished").tag("state", "OrderShipped").counter().count()).isEqualTo(1);
        assertThat(registry.get("order.saga.orders.finished").tag("state", "OrderFailed").counter().count()).isEqualTo(1);
        assertThat(registry.get("order.saga.step.outcomes").tags("step", "ReserveInventory", "outcome", "timeout").counter().count()).isEqualTo(1);
    }

    @Test
    void aFinalStatePublishedAgainByAReactivatedJobIsCountedOnce() {
        metrics.stateReached(7, "OrderShipped", null);
        metrics.stateReached(7, "OrderShipped", null);
        metrics.stateReached(8, "OrderShipped", null);
        assertThat(registry.get("order.saga.orders.finished").tag("state", "OrderShipped").counter().count()).isEqualTo(2);
    }
}

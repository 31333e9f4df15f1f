package dev.ordersaga.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ProjectionMetricsTest {

    private static final TopicPartition P0 = new TopicPartition("order-state", 0);
    private static final TopicPartition P1 = new TopicPartition("order-state", 1);
    private static final long NOW = 1_700_000_100_000L;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProjectionMetrics metrics = new ProjectionMetrics(registry, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    private final Consumer<?, ?> consumer = mock(Consumer.class);

    @Test
    void whileABatchIsNotWrittenItsRecordsCountAndTheLagGrowsFromTheOldestOfThem() {
        lag(3, 4);
        metrics.batchStarted(List.of(record(NOW - 40_000), record(NOW - 30_000)), consumer);
        assertThat(registry.get("order.saga.projection.lag.records").gauge().value()).isEqualTo(9);
        assertThat(registry.get("order.saga.projection.lag").gauge().value()).isEqualTo(40);
    }

    @Test
    void aWrittenBatchIsTimedAndWhenCaughtUpThereIsNoLag() {
        lag(0, 0);
        var records = List.of(record(NOW - 2_000));
        metrics.batchStarted(records, consumer);
        metrics.batchWritten(records, consumer, 5_000_000);
        assertThat(registry.get("order.saga.projection.lag.records").gauge().value()).isZero();
        assertThat(registry.get("order.saga.projection.lag").gauge().value()).isZero();
        assertThat(registry.get("order.saga.projection.write").timer().count()).isEqualTo(1);
    }

    @Test
    void whenRecordsStillWaitAfterABatchTheLagIsAtMostTheAgeOfTheNewestWritten() {
        lag(10, 0);
        var records = List.of(record(NOW - 12_000), record(NOW - 7_000));
        metrics.batchStarted(records, consumer);
        metrics.batchWritten(records, consumer, 1_000_000);
        assertThat(registry.get("order.saga.projection.lag.records").gauge().value()).isEqualTo(10);
        assertThat(registry.get("order.saga.projection.lag").gauge().value()).isEqualTo(7);
    }

    private void lag(long p0, long p1) {
        when(consumer.assignment()).thenReturn(Set.of(P0, P1));
        when(consumer.currentLag(P0)).thenReturn(OptionalLong.of(p0));
        when(consumer.currentLag(P1)).thenReturn(OptionalLong.of(p1));
    }

    private static ConsumerRecord<String, String> record(long timestamp) {
        return new ConsumerRecord<>("order-state", 0, 0, timestamp, TimestampType.CREATE_TIME, 0, 0, "k", "v", new RecordHeaders(),
                java.util.Optional.empty());
    }
}

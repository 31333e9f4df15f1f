package dev.ordersaga.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How far the order projection is behind, on this instance, and how long its writes take:
 * <ul>
 *   <li>{@code order_saga_projection_lag_records}: records on its partitions not projected yet (the batch being
 *       written included), summed over the partitions assigned here;
 *   <li>{@code order_saga_projection_lag_seconds}: while records wait, how old the oldest of them is at most
 *       (the time since the newest projected record was written, or since the first record of a batch that is
 *       not written yet, e.g. while Elasticsearch is down); 0 when caught up;
 *   <li>{@code order_saga_projection_write_seconds}: one batch written to Elasticsearch, a histogram.
 * </ul>
 * Measured once per batch from the consumer's own positions (no call to the broker).
 */
@Component
public class ProjectionMetrics {

    private final Timer write;
    private final Clock clock;
    private volatile long pendingRecords;
    private volatile long pendingSinceMillis;

    @Autowired
    public ProjectionMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    ProjectionMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        write = Timer.builder("order.saga.projection.write").description("One batch of the order projection written to Elasticsearch")
                .serviceLevelObjectives(SagaMetrics.LATENCY_BUCKETS)
                .register(registry);
        Gauge.builder("order.saga.projection.lag.records", this, metrics -> metrics.pendingRecords)
                .description("Records on the projection's partitions (assigned to this instance) not projected yet")
                .register(registry);
        Gauge.builder("order.saga.projection.lag", this, ProjectionMetrics::lagSeconds)
                .description("How old the oldest record waiting for the projection is at most; 0 when caught up")
                .baseUnit("seconds")
                .register(registry);
    }

    /** A batch was polled and is about to be written. */
    public void batchStarted(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<String, String> record : records) {
            oldest = Math.min(oldest, record.timestamp());
        }
        if (pendingRecords == 0 || pendingSinceMillis == 0) {
            pendingSinceMillis = oldest == Long.MAX_VALUE ? 0 : oldest;
        }
        pendingRecords = lag(consumer) + records.size();
    }

    /** The batch was written in {@code nanos}. */
    public void batchWritten(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer, long nanos) {
        write.record(nanos, TimeUnit.NANOSECONDS);
        long newest = 0;
        for (ConsumerRecord<String, String> record : records) {
            newest = Math.max(newest, record.timestamp());
        }
        long lag = lag(consumer);
        pendingRecords = lag;
        pendingSinceMillis = lag > 0 ? newest : 0;
    }

    double lagSeconds() {
        long since = pendingSinceMillis;
        if (pendingRecords == 0 || since <= 0) {
            return 0;
        }
        return Math.max(0, clock.millis() - since) / 1000.0;
    }

    private static long lag(Consumer<?, ?> consumer) {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        return lag;
    }
}

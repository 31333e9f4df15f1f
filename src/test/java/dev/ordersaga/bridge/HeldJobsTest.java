package dev.ordersaga.bridge;

import dev.ordersaga.engine.CommandIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Which jobs an instance keeps alive, and what a graceful stop waits for. The engine is a fake that records the time-outs it
 * is asked to set; time is a clock the test moves.
 */
class HeldJobsTest {

    private static final String EVENTS = "payment-events";
    private static final int PARTITIONS = 6;
    private static final HeldJobsProperties PROPERTIES = new HeldJobsProperties(Duration.ofSeconds(1), Duration.ofSeconds(4),
            Duration.ofSeconds(60), Duration.ofSeconds(10));

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Long> extended = new CopyOnWriteArrayList<>();
    private CompletableFuture<Object> answer = CompletableFuture.completedFuture(null);
    private final HeldJobs.Engine engine = (jobKey, timeout) -> {
        assertThat(timeout).isEqualTo(Duration.ofSeconds(60));
        extended.add(jobKey);
        return answer;
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HeldJobs jobs = new HeldJobs(engine, topic -> PARTITIONS, PROPERTIES, now::get, registry);

    @Test
    void anAwaitedJobWhoseOutcomeThisInstanceConsumesIsExtendedShortlyBeforeItsTimeOutEndsAndThenAgainBeforeTheExtensionEnds() {
        consumeAllOutcomePartitions();
        send(jobWithDeadline(1, now.get() + 10_000), CompletableFuture.completedFuture(null));

        advance(5_000);
        jobs.check();
        assertThat(extended).as("6 s left: not yet").isEmpty();

        advance(1_500);
        jobs.check();
        assertThat(extended).as("3.5 s left").containsExactly(1L);
        assertThat(registry.get("order.saga.job.timeouts.extended").counter().count()).isEqualTo(1);

        advance(50_000);
        jobs.check();
        assertThat(extended).as("the extension has 10 s left").containsExactly(1L);
        advance(7_000);
        jobs.check();
        assertThat(extended).as("3 s left of the extension").containsExactly(1L, 1L);
    }

    @Test
    void aJobWhoseOutcomeAnotherInstanceConsumesIsLeftToTimeOutWithoutAskingTheEngine() {
        jobs.rebalanceListener().onPartitionsAssigned(List.of());
        send(jobWithDeadline(2, now.get() + 10_000), CompletableFuture.completedFuture(null));

        advance(7_000);
        jobs.check();

        assertThat(extended).isEmpty();
        assertThat(jobs.awaiting()).isZero();
    }

    @Test
    void aJobWhoseOutcomeArrivesHereIsNeverExtended() {
        consumeAllOutcomePartitions();
        send(jobWithDeadline(3, now.get() + 10_000), CompletableFuture.completedFuture(null));

        // Let go of before the outcome listener handles the batch: no extension can overtake a hand-back.
        outcomeArrives(3);
        advance(7_000);
        jobs.check();

        assertThat(extended).isEmpty();
    }

    @Test
    void anOutcomeThatOvertakesKafkaAcknowledgingTheCommandLeavesNothingHeld() {
        consumeAllOutcomePartitions();
        var acknowledged = new CompletableFuture<Object>();
        send(jobWithDeadline(9, now.get() + 10_000), acknowledged);

        outcomeArrives(9);
        acknowledged.complete(null);
        advance(7_000);
        jobs.check();

        assertThat(extended).as("settled before the acknowledgement came back: not to be kept alive").isEmpty();
        assertThat(jobs.awaiting()).isZero();
    }

    @Test
    void aJobIsHeldOnlyOnceKafkaAcknowledgedItsCommand() {
        consumeAllOutcomePartitions();
        var failed = new CompletableFuture<Object>();
        var pending = new CompletableFuture<Object>();
        send(jobWithDeadline(4, now.get() + 10_000), failed);
        send(jobWithDeadline(5, now.get() + 10_000), pending);
        failed.completeExceptionally(new IllegalStateException("broker down"));

        advance(7_000);
        jobs.check();
        assertThat(extended).as("a failed send failed its job; a send in flight holds nothing yet").isEmpty();

        pending.complete(null);
        jobs.check();
        assertThat(extended).containsExactly(5L);
    }

    @Test
    void aJobTheEngineNoLongerHasIsLetGoAndOneItCouldNotReachIsTriedAgain() {
        consumeAllOutcomePartitions();
        answer = CompletableFuture.failedFuture(Status.UNAVAILABLE.asRuntimeException());
        send(jobWithDeadline(6, now.get() + 10_000), CompletableFuture.completedFuture(null));

        advance(7_000);
        jobs.check();
        jobs.check();
        assertThat(extended).as("unreachable: tried at every check").containsExactly(6L, 6L);

        answer = CompletableFuture.failedFuture(Status.NOT_FOUND.asRuntimeException());
        jobs.check();
        jobs.check();
        assertThat(extended).as("gone: let go").containsExactly(6L, 6L, 6L);
        assertThat(jobs.awaiting()).isZero();
    }

    @Test
    void aGracefulStopWaitsForTheJobsHandedToTheWorkerThreadsAndForTheCommandsBeingSent() throws Exception {
        var threads = Executors.newFixedThreadPool(2);
        try {
            var draining = new JobDrain(() -> {}, threads, 2, jobs, Duration.ofSeconds(10));
            var handling = new CountDownLatch(1);
            var handled = new CountDownLatch(1);
            threads.execute(() -> await(handling));
            threads.execute(() -> await(handled));
            var acknowledged = new CompletableFuture<Object>();
            jobs.sending(jobWithDeadline(8, now.get() + 10_000), "order-1", EVENTS, acknowledged);

            assertThat(draining.drain(Duration.ofMillis(200))).as("two jobs still being handled").isFalse();
            handling.countDown();
            handled.countDown();
            assertThat(draining.drain(Duration.ofMillis(200))).as("a command still being sent").isFalse();
            acknowledged.complete(null);
            assertThat(draining.drain(Duration.ofSeconds(5))).isTrue();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aGracefulStopClosesTheJobWorkersBeforeItWaitsForTheirJobs() {
        var thread = Executors.newSingleThreadExecutor();
        try {
            var steps = new CopyOnWriteArrayList<String>();
            Executor recorded = task -> {
                steps.add("wait for the worker threads");
                thread.execute(task);
            };
            new JobDrain(() -> steps.add("close the job workers"), recorded, 1, jobs, Duration.ofSeconds(5)).stop();
            assertThat(steps).containsExactly("close the job workers", "wait for the worker threads");
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void theExtensionMustComeBeforeTheTimeOutEnds() {
        assertThatThrownBy(() -> new HeldJobsProperties(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ZERO))
                .hasMessageContaining("extend-ahead");
        assertThatThrownBy(() -> new HeldJobsProperties(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ZERO))
                .hasMessageContaining("awaited-timeout");
    }

    private void consumeAllOutcomePartitions() {
        jobs.rebalanceListener().onPartitionsAssigned(IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(EVENTS, p)).toList());
    }

    /** The outcome listener's interceptor sees the outcome of the job's command. */
    private void outcomeArrives(long jobKey) {
        var outcome = new ConsumerRecord<Object, Object>(EVENTS, 0, 0, "order-1", "{}");
        outcome.headers().add("order-saga-command-id", CommandIds.forJob("order-1", 77, jobKey).getBytes(StandardCharsets.UTF_8));
        jobs.interceptor().intercept(new ConsumerRecords<>(Map.of(new TopicPartition(EVENTS, 0), List.of(outcome))), null);
    }

    private void send(ActivatedJob job, CompletableFuture<Object> sent) {
        jobs.sending(job, "order-1", EVENTS, sent);
    }

    private void advance(long millis) {
        now.addAndGet(millis);
    }

    private static ActivatedJob jobWithDeadline(long key, long deadline) {
        var job = mock(ActivatedJob.class);
        when(job.getKey()).thenReturn(key);
        when(job.getDeadline()).thenReturn(deadline);
        return job;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.ordersaga.bridge;

import dev.ordersaga.engine.CommandIds;
import dev.ordersaga.engine.EngineErrors;
import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessageHeaders;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.stereotype.Component;

/**
 * The jobs this instance holds: it keeps alive those whose command was sent and whose outcome it awaits.
 *
 * <p>A job is activated with a short time-out ({@code camunda.client.worker.defaults.timeout}), so a job handed to an
 * instance that dies before Kafka acknowledged its command soon comes back to another one. Once the command is sent, any
 * instance can settle the job, but a long wait (a participant down or slow) would make it time out and the command be
 * sent again every few seconds. So a job about to time out ({@link HeldJobsProperties#extendAhead()}) is extended to
 * {@link HeldJobsProperties#awaitedTimeout()}, only while this instance consumes the partition its outcome arrives on:
 * then it lets go of the job when its outcome arrives ({@link #interceptor()}) and never asks the engine about a job that is done. A job whose
 * outcome partition another instance consumes is left to time out; its command is sent again (same command id,
 * answered once) by whichever instance gets the job. A graceful stop waits for the commands being sent
 * ({@link #inFlight()}, {@link JobDrain}).
 */
@ConditionalOnSaga
@Component
public class HeldJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeldJobs.class);

    /** What the engine is asked: to set the time-out of an activated job, counted from now. */
    interface Engine {
        CompletionStage<?> extend(long jobKey, Duration timeout);
    }

    /**
     * A job whose command is being sent or was sent; {@code deadline} in epoch milliseconds. Only an idle one (its command
     * acknowledged, no extension under way) is checked.
     */
    private record Held(String orderId, String eventTopic, long deadline, boolean idle) {}

    private final Map<Long, Held> held = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<?>> sending = ConcurrentHashMap.newKeySet();
    private final Set<TopicPartition> consumed = ConcurrentHashMap.newKeySet();
    private final Engine engine;
    private final ToIntFunction<String> partitions;
    private final HeldJobsProperties properties;
    private final LongSupplier clock;
    private final Counter extended;
    private volatile ScheduledExecutorService checks;

    @Autowired
    public HeldJobs(CamundaClient camunda, KafkaTemplate<String, String> kafka, HeldJobsProperties properties, MeterRegistry registry) {
        this((jobKey, timeout) -> camunda.newUpdateTimeoutCommand(jobKey).timeout(timeout).send(), topic -> kafka.partitionsFor(topic).size(),
                properties, System::currentTimeMillis, registry);
    }

    HeldJobs(Engine engine, ToIntFunction<String> partitions, HeldJobsProperties properties, LongSupplier clock, MeterRegistry registry) {
        this.engine = engine;
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock;
        this.extended = Counter.builder("order.saga.job.timeouts.extended")
                .description("Job time-outs extended because the step's outcome was still awaited after its command was sent")
                .register(registry);
    }

    /**
     * A job's command is being sent: a graceful stop waits for it; once Kafka acknowledged it, the job waits for its outcome
     * on {@code eventTopic} and is kept alive while this instance consumes that outcome's partition.
     */
    public void sending(ActivatedJob job, String orderId, String eventTopic, CompletableFuture<?> sent) {
        // Held before Kafka acknowledges the command: an outcome that overtakes the acknowledgement finds it to let go of.
        var sendingJob = new Held(orderId, eventTopic, job.getDeadline(), false);
        held.put(job.getKey(), sendingJob);
        sending.add(sent);
        sent.whenComplete((ok, error) -> {
            sending.remove(sent);
            // Acknowledged: idle until its deadline nears; failed: the worker hands the job back.
            held.computeIfPresent(job.getKey(),
                    (key, now) -> now != sendingJob ? now : error == null ? new Held(orderId, eventTopic, job.getDeadline(), true) : null);
        });
    }

    /** The job of this command was settled (or handed back) by this instance: nothing to keep alive. */
    void settled(String commandId) {
        try {
            held.remove(CommandIds.jobKey(commandId));
        } catch (IllegalArgumentException e) {
            // Not a command of the bridge: nothing held for it.
        }
    }

    /** Jobs held: their command being sent or their outcome awaited (for tests and logs). */
    int awaiting() {
        return held.size();
    }

    /**
     * Lets go of the jobs a batch of outcomes is about to settle (by their echoed command id), before the outcome listener
     * gets it: an extension started meanwhile could reach the engine after a hand-back's time-out of zero and keep the job
     * away for {@link HeldJobsProperties#awaitedTimeout()} (seen once in the soak: 61 s).
     */
    BatchInterceptor<Object, Object> interceptor() {
        return (records, consumer) -> {
            for (ConsumerRecord<Object, Object> record : records) {
                String commandId = KafkaMessaging.header(record, MessageHeaders.COMMAND_ID);
                if (commandId != null) {
                    settled(commandId);
                }
            }
            return records;
        };
    }

    /**
     * Follows which outcome partitions this instance consumes, and logs the changes as the listener containers' own
     * rebalance listener does (it is replaced by this one).
     */
    ConsumerRebalanceListener rebalanceListener() {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                consumed.addAll(partitions);
                log.info("Outcome listener: partitions assigned: {}", partitions);
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                consumed.removeAll(partitions);
                log.info("Outcome listener: partitions revoked: {}", partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                consumed.removeAll(partitions);
                log.info("Outcome listener: partitions lost: {}", partitions);
            }
        };
    }

    /** Extends the time-out of the awaited jobs about to time out whose outcome this instance consumes; lets go of the others. */
    void check() {
        long now = clock.getAsLong();
        long ahead = properties.extendAhead().toMillis();
        held.forEach((jobKey, job) -> {
            if (!job.idle() || job.deadline() - now > ahead) {
                return;
            }
            if (!consumesOutcomeOf(job)) {
                // Another instance settles it; if it waits that long, it times out and its command is sent again.
                held.remove(jobKey, job);
                return;
            }
            Held extending = new Held(job.orderId(), job.eventTopic(), job.deadline(), false);
            if (!held.replace(jobKey, job, extending)) {
                return;
            }
            long requested = clock.getAsLong();
            engine.extend(jobKey, properties.awaitedTimeout()).whenComplete((ok, error) -> {
                if (error == null) {
                    extended.increment();
                    held.replace(jobKey, extending, new Held(job.orderId(), job.eventTopic(),
                            requested + properties.awaitedTimeout().toMillis(), true));
                    log.debug("Order {}: job {} still awaits its outcome; its time-out was extended by {}", job.orderId(), jobKey,
                            properties.awaitedTimeout());
                } else if (EngineErrors.code(error) == Status.Code.NOT_FOUND || EngineErrors.code(error) == Status.Code.FAILED_PRECONDITION) {
                    // Settled by another instance, failed for a retry, or canceled (a deadline passed): not ours to keep.
                    held.remove(jobKey, extending);
                } else {
                    log.warn("Order {}: could not extend the time-out of job {}; trying again", job.orderId(), jobKey, error);
                    held.replace(jobKey, extending, job);
                }
            });
        });
    }

    private boolean consumesOutcomeOf(Held job) {
        try {
            int count = partitions.applyAsInt(job.eventTopic());
            int partition = Utils.toPositive(Utils.murmur2(job.orderId().getBytes(StandardCharsets.UTF_8))) % count;
            return consumed.contains(new TopicPartition(job.eventTopic(), partition));
        } catch (RuntimeException e) {
            log.debug("Partitions of {} unknown ({}); not keeping its jobs alive", job.eventTopic(), e.toString());
            return false;
        }
    }

    /** The commands being sent now (a graceful stop waits for them, {@link JobDrain}). */
    List<CompletableFuture<?>> inFlight() {
        return List.copyOf(sending);
    }

    @Override
    public void start() {
        long interval = properties.checkInterval().toMillis();
        checks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("order-saga-held-jobs").factory());
        checks.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("Checking the held jobs failed; trying again", e);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = checks;
        checks = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return checks != null;
    }
}

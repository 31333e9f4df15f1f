package dev.ordersaga.observability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.bridge.SagaStep;
import dev.ordersaga.bridge.SagaStepCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The saga's own metrics, registered once at start-up for every step the BPMN models declare, so a hook on the
 * hot path is a map lookup and an increment, and tag values come only from the models: a command type no step
 * declares is counted as {@value #OTHER}. Never tagged with an order, customer or command id.
 *
 * <table>
 *   <caption>Metrics (Prometheus names)</caption>
 *   <tr><td>{@code order_saga_orders_started_total}</td><td>orders placed (a repeated Idempotency-Key not counted)</td></tr>
 *   <tr><td>{@code order_saga_orders_finished_total{state}}</td><td>orders that reached a final state</td></tr>
 *   <tr><td>{@code order_saga_step_duration_seconds{step}}</td><td>command sent to outcome received, a histogram</td></tr>
 *   <tr><td>{@code order_saga_step_outcomes_total{step,outcome}}</td><td>outcomes by kind ({@link StepOutcome})</td></tr>
 *   <tr><td>{@code order_saga_compensations_total{type}}</td><td>compensation commands sent</td></tr>
 *   <tr><td>{@code order_saga_incidents_total{step}}</td><td>steps that used up their retries</td></tr>
 * </table>
 */
@Component
public class SagaMetrics {

    /** The tag value of anything outside the fixed set. */
    public static final String OTHER = "other";
    /** The failure reason's event when a step's BPMN timer fired (see processes/order-process.bpmn). */
    static final String TIMED_OUT = "StepTimedOut";
    static final List<String> FINAL_STATES = List.of("OrderShipped", "OrderFailed");
    static final int REMEMBERED_JOBS = 10_000;

    /**
     * The buckets of the latency histograms (steps, projection writes): 14 fixed bounds from 5 ms to 30 s, enough for
     * p50/p99 with {@code histogram_quantile}, instead of the ~70 of Micrometer's percentile histogram per timer.
     */
    static final Duration[] LATENCY_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 15_000, 20_000, 30_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final Counter started;
    private final Map<String, Counter> finished = new HashMap<>();
    private final Map<String, StepMeters> steps = new HashMap<>();
    private final Map<String, String> commandTypeByStepName = new HashMap<>();
    private final StepMeters other;
    /** The jobs whose final state was counted, the most recent {@value #REMEMBERED_JOBS}; guarded by itself. */
    private final Map<Long, Boolean> countedJobs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED_JOBS;
        }
    };

    @Autowired
    public SagaMetrics(MeterRegistry registry, ObjectProvider<SagaStepCatalog> catalog) {
        this(registry, catalog.stream().flatMap(c -> c.steps().stream()).toList());
    }

    /** @param known the steps of the deployed models (none in a participants-only deployment) */
    public SagaMetrics(MeterRegistry registry, List<SagaStep> known) {
        started = Counter.builder("order.saga.orders.started").description("Orders placed").register(registry);
        FINAL_STATES.forEach(state -> finished.put(state, Counter.builder("order.saga.orders.finished")
                .description("Orders that reached a final state").tag("state", state).register(registry)));
        for (SagaStep step : known) {
            steps.computeIfAbsent(step.commandType(), type -> new StepMeters(registry, type, step.compensation()));
            if (!step.compensation()) {
                commandTypeByStepName.putIfAbsent(step.name(), step.commandType());
            }
        }
        other = new StepMeters(registry, OTHER, true);
    }

    /** An order was placed and its saga started. */
    public void orderStarted() {
        started.increment();
    }

    /**
     * An order reached a business state: counts the final ones, and a failure by a step's time-out. The state is
     * published by the job of the step after it, again whenever that job is activated again (its time-out, a retry):
     * only its first publication on this instance counts (the last {@value #REMEMBERED_JOBS} jobs are remembered; a
     * job re-activated on another instance after a crash can still count twice).
     *
     * @param jobKey the job that published the state
     * @param failureReason the order's {@code failureReason} variable, or null
     */
    public void stateReached(long jobKey, String state, JsonNode failureReason) {
        Counter counter = finished.get(state);
        if (counter == null || !firstPublication(jobKey)) {
            return;
        }
        counter.increment();
        if (failureReason != null && TIMED_OUT.equals(failureReason.path("event").asText(null))) {
            String commandType = commandTypeByStepName.get(failureReason.path("step").asText(""));
            step(commandType).outcomes.get(StepOutcome.TIMEOUT).increment();
        }
    }

    private boolean firstPublication(long jobKey) {
        synchronized (countedJobs) {
            return countedJobs.put(jobKey, Boolean.TRUE) == null;
        }
    }

    /** A step's command was sent; a compensation is counted by its type. */
    public void commandSent(String commandType) {
        StepMeters meters = step(commandType);
        if (meters.compensations != null) {
            meters.compensations.increment();
        }
    }

    /**
     * A step's outcome was settled with the engine.
     *
     * @param sentAtMillis when the command was sent (epoch milliseconds, from its header), or 0 if unknown
     * @param receivedAtMillis when the outcome was received
     */
    public void outcome(String commandType, StepOutcome outcome, long sentAtMillis, long receivedAtMillis) {
        StepMeters meters = step(commandType);
        meters.outcomes.get(outcome).increment();
        if (sentAtMillis > 0 && outcome != StepOutcome.DROPPED) {
            meters.duration.record(Math.max(0, receivedAtMillis - sentAtMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** A step used up its retries: the engine raised an incident. */
    public void incidentRaised(String commandType) {
        step(commandType).incidents.increment();
    }

    /** Whether this command type undoes another step (a compensation handler sends it). */
    public boolean isCompensation(String commandType) {
        StepMeters meters = commandType == null ? null : steps.get(commandType);
        return meters != null && meters.compensations != null;
    }

    /** Whether this command type is one a step declares (its metrics have a tag of their own). */
    boolean knows(String commandType) {
        return commandType != null && steps.containsKey(commandType);
    }

    private StepMeters step(String commandType) {
        StepMeters meters = commandType == null ? null : steps.get(commandType);
        return meters == null ? other : meters;
    }

    /** The meters of one command type. */
    private static final class StepMeters {
        final Timer duration;
        final Map<StepOutcome, Counter> outcomes = new EnumMap<>(StepOutcome.class);
        final Counter compensations;
        final Counter incidents;

        StepMeters(MeterRegistry registry, String commandType, boolean compensation) {
            duration = Timer.builder("order.saga.step.duration")
                    .description("Time from a step's command sent to its outcome received")
                    .tag("step", commandType)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
            for (StepOutcome outcome : StepOutcome.values()) {
                outcomes.put(outcome, Counter.builder("order.saga.step.outcomes").description("Outcomes of the steps' commands, by kind")
                        .tag("step", commandType).tag("outcome", outcome.tag()).register(registry));
            }
            compensations = compensation ? Counter.builder("order.saga.compensations").description("Compensation commands sent, by type")
                    .tag("type", commandType).register(registry) : null;
            incidents = Counter.builder("order.saga.incidents").description("Steps that used up their retries (an incident in the engine)")
                    .tag("step", commandType).register(registry);
        }
    }
}

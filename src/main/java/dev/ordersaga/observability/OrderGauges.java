package dev.ordersaga.observability;

import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.order.OrderState;
import dev.ordersaga.tracking.query.OrderReader;
import dev.ordersaga.tracking.query.OrderStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The orders in flight and stuck, counted in the projection (so every instance reports the whole saga's figure,
 * not its own share: dashboards take the {@code max} over instances):
 * <ul>
 *   <li>{@code order_saga_orders_in_flight{state}}: orders in each non-final state ({@code none}: only commands or
 *       events of the order were projected so far);
 *   <li>{@code order_saga_orders_stuck}: those whose last message is older than {@code
 *       order-saga.observability.stuck-after};
 *   <li>{@code order_saga_incidents_open}: orders with a step waiting in an open incident (the projection closes it when
 *       the step moves on).
 * </ul>
 * Counted every {@code order-saga.observability.gauge-refresh} on a thread of its own, never on a scrape. When
 * Elasticsearch does not answer, the last counts stay and the failure is logged.
 */
@ConditionalOnSaga
@Component
public class OrderGauges implements SmartLifecycle {

    static final String WITHOUT_STATE = "none";
    private static final Logger log = LoggerFactory.getLogger(OrderGauges.class);

    private final OrderReader store;
    private final ObservabilityProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private volatile long stuck;
    private volatile long openIncidents;
    private volatile boolean failing;
    private ScheduledExecutorService executor;

    public OrderGauges(OrderReader store, ObservabilityProperties properties, MeterRegistry registry) {
        this.store = store;
        this.properties = properties;
        for (String state : states()) {
            inFlight.put(state, 0L);
            Gauge.builder("order.saga.orders.in.flight", inFlight, counts -> counts.getOrDefault(state, 0L))
                    .description("Orders not in a final state, by state, in the projection")
                    .tag("state", state)
                    .register(registry);
        }
        Gauge.builder("order.saga.orders.stuck", this, gauges -> gauges.stuck)
                .description("Orders in flight whose last message is older than order-saga.observability.stuck-after")
                .register(registry);
        Gauge.builder("order.saga.incidents.open", this, gauges -> gauges.openIncidents)
                .description("Orders with a step waiting in an open incident, in the projection")
                .register(registry);
    }

    static List<String> states() {
        var states = new ArrayList<String>();
        Arrays.stream(OrderState.values()).filter(state -> !state.isFinal()).forEach(state -> states.add(state.name()));
        states.add(WITHOUT_STATE);
        return List.copyOf(states);
    }

    /** Counts once now. */
    void refresh() {
        try {
            OrderStats all = store.stats((Duration) null, clock.instant());
            OrderStats stuckOnes = store.stats(properties.stuckAfter(), clock.instant());
            for (String state : states()) {
                inFlight.put(state, WITHOUT_STATE.equals(state) ? all.withoutState() : all.byState().getOrDefault(state, 0L));
            }
            stuck = stuckOnes.total();
            openIncidents = all.withIncident();
            if (failing) {
                failing = false;
                log.info("Counting the orders in flight works again");
            }
        } catch (Exception e) {
            if (!failing) {
                failing = true;
                log.warn("Could not count the orders in flight in Elasticsearch; the gauges keep their last values until it answers", e);
            }
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("order-saga-order-gauges").factory());
        long period = properties.gaugeRefresh().toMillis();
        executor.scheduleWithFixedDelay(this::refresh, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}

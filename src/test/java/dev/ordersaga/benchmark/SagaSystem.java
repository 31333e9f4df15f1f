package dev.ordersaga.benchmark;

import dev.ordersaga.bridge.IncidentNotices;
import dev.ordersaga.messaging.KafkaMessaging;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.order.OrderService;
import dev.ordersaga.order.OrderState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The real thing: an order is placed through the application's entry point ({@link OrderService}, what
 * {@code POST /orders} calls after validation) and is through when its {@code OrderShipped} state appears
 * on the order state topic, read by a consumer of the benchmark's own (assigned to every partition, from
 * the end, no consumer group). {@code OrderFailed} or a {@code StepIncident} notice count as a failure.
 */
final class SagaSystem implements OrderSystem {

    private final OrderService orders;
    private final String bootstrapServers;
    private final String stateTopic;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Completions sink;
    /** Orders through (OrderShipped seen) since the observer started, whether a block was listening or not. */
    private final java.util.concurrent.atomic.AtomicLong shipped = new java.util.concurrent.atomic.AtomicLong();
    private Thread observer;
    /** Wall-clock time each order was placed at, for {@link SagaTimeline}. */
    private final Map<String, Long> placedAt = new java.util.concurrent.ConcurrentHashMap<>();

    SagaSystem(OrderService orders, String bootstrapServers, String stateTopic) {
        this.orders = orders;
        this.bootstrapServers = bootstrapServers;
        this.stateTopic = stateTopic;
    }

    @Override
    public String name() {
        return BenchmarkSettings.SAGA;
    }

    @Override
    public String description() {
        return "orders placed through OrderService (the service behind POST /orders) on the embedded engine, the bridge, "
                + "Kafka and the reference participants, until OrderShipped is on topic " + stateTopic;
    }

    @Override
    public void start() {
        var consumer = TopicReader.assignedTo(bootstrapServers, List.of(stateTopic), Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"));
        TopicReader.fromTheEnd(consumer); // resolve the end now, before the first order
        observer = TopicReader.pollUntilStopped("benchmark-order-state-observer", consumer, running, this::observe);
    }

    private void observe(ConsumerRecord<String, String> record) {
        String type = KafkaMessaging.header(record, MessageHeaders.MESSAGE_TYPE);
        boolean through = OrderState.OrderShipped.name().equals(type);
        if (through) {
            shipped.incrementAndGet();
        }
        Completions current = sink;
        if (current == null || record.key() == null) {
            return;
        }
        if (through) {
            current.completed(record.key(), true);
        } else if (OrderState.OrderFailed.name().equals(type) || IncidentNotices.TYPE.equals(type)) {
            current.completed(record.key(), false);
        }
    }

    @Override
    public String place(BenchOrder order) {
        long at = System.currentTimeMillis();
        String orderId = orders.place(order.request(), null).orderId();
        placedAt.put(orderId, at);
        return orderId;
    }

    /** Saga orders through in the run so far (all blocks, warm-up included). */
    long shipped() {
        return shipped.get();
    }

    /** When the orders placed between these wall-clock times were placed, by order id. */
    Map<String, Long> placedBetween(long fromMillis, long toMillis) {
        var placed = new java.util.HashMap<String, Long>();
        placedAt.forEach((order, at) -> {
            if (at >= fromMillis && at < toMillis) {
                placed.put(order, at);
            }
        });
        return placed;
    }

    @Override
    public void attach(Completions sink) {
        this.sink = sink;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (observer != null) {
            observer.join(5000);
        }
    }
}

package dev.ordersaga.benchmark.systems;

import dev.ordersaga.benchmark.BenchmarkSettings;
import dev.ordersaga.benchmark.driver.BenchOrder;
import dev.ordersaga.benchmark.driver.OrderSystem;
import dev.ordersaga.benchmark.probes.SagaTimeline;
import dev.ordersaga.bridge.IncidentNotices;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.order.OrderService;
import dev.ordersaga.order.OrderState;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.CompositeProducerListener;
import org.springframework.kafka.support.ProducerListener;

/**
 * The real thing: an order is placed through the application's entry point ({@link OrderService}, what
 * {@code POST /orders} calls after validation) and is through when Kafka acknowledged its {@code
 * OrderShipped} state on the order state topic, seen by a listener on the application's producer.
 * {@code OrderFailed} or a {@code StepIncident} notice count as a failure.
 *
 * <p>Until this round a consumer of the benchmark's own read the state topic for this; its thread and the
 * broker's work for its fetches (about four per order) were counted as the saga's, where engine-only and
 * the Kafka chain see their orders through in-process.
 */
public final class SagaSystem implements OrderSystem {

    private final OrderService orders;
    private final KafkaTemplate<String, String> kafka;
    private final ProducerListener<Object, Object> applicationListener;
    private final String stateTopic;
    private volatile Completions sink;
    /** Orders through (OrderShipped seen) since the observer started, whether a block was listening or not. */
    private final java.util.concurrent.atomic.AtomicLong shipped = new java.util.concurrent.atomic.AtomicLong();
    /** Wall-clock time each order was placed at, for {@link SagaTimeline}. */
    private final Map<String, Long> placedAt = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param kafka the application's producer (the one its business states are sent with)
     * @param applicationListener the producer listener the application configured, kept in the chain
     */
    public SagaSystem(OrderService orders, KafkaTemplate<String, String> kafka, ProducerListener<Object, Object> applicationListener, String stateTopic) {
        this.orders = orders;
        this.kafka = kafka;
        this.applicationListener = applicationListener;
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
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void start() {
        ProducerListener<String, String> observer = new ProducerListener<>() {
            @Override
            public void onSuccess(ProducerRecord<String, String> record, RecordMetadata metadata) {
                if (stateTopic.equals(record.topic())) {
                    observe(record);
                }
            }
        };
        kafka.setProducerListener(new CompositeProducerListener<>((ProducerListener) applicationListener, observer));
    }

    private void observe(ProducerRecord<String, String> record) {
        Header header = record.headers().lastHeader(MessageHeaders.MESSAGE_TYPE);
        String type = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
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

    /** Saga orders placed in the run so far (all blocks, warm-up included). */
    public long placed() {
        return placedAt.size();
    }

    /** Saga orders through in the run so far (all blocks, warm-up included). */
    public long shipped() {
        return shipped.get();
    }

    /** When the orders placed between these wall-clock times were placed, by order id. */
    public Map<String, Long> placedBetween(long fromMillis, long toMillis) {
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
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void close() {
        kafka.setProducerListener((ProducerListener) applicationListener);
    }
}

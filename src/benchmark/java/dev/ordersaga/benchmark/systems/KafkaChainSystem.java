package dev.ordersaga.benchmark.systems;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.benchmark.BenchmarkSettings;
import dev.ordersaga.benchmark.driver.BenchOrder;
import dev.ordersaga.benchmark.driver.OrderSystem;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.messaging.TraceContext;
import dev.ordersaga.order.PlaceOrderRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The broker's floor: the saga's four request/reply exchanges (ReserveInventory, ChargePayment,
 * ScheduleShipment, NotifyCustomer) with the same payloads, envelopes and headers the bridge sends,
 * through the reference participants ({@link ChainParticipants}), driven directly over Kafka with no
 * engine: the reply to one command sends the next. The application's producer ({@code KafkaTemplate},
 * same settings as the bridge's) sends; one consumer of the benchmark's own reads the four event topics.
 * An order is through when its {@code CustomerNotified} arrives; any other outcome is a failure.
 */
public final class KafkaChainSystem implements OrderSystem {

    private static final String SOURCE = "benchmark-kafka-chain";
    private static final AtomicLong COMMAND_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    private final KafkaTemplate<String, String> kafka;
    private final EnvelopeCodec codec;
    private final String bootstrapServers;
    private final String currency;
    private final Map<String, BenchOrder> inFlight = new ConcurrentHashMap<>();
    private final List<MessageListenerContainer> participants;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Completions sink;
    private Thread driver;

    /**
     * @param participants the listener containers of {@link ChainParticipants}: paused between the chain's
     *     blocks, so that their idle polling does not load the broker while the other configurations run
     */
    public KafkaChainSystem(KafkaTemplate<String, String> kafka, EnvelopeCodec codec, String bootstrapServers, String currency,
            List<MessageListenerContainer> participants) {
        this.kafka = kafka;
        this.participants = participants;
        this.codec = codec;
        this.bootstrapServers = bootstrapServers;
        this.currency = currency;
    }

    @Override
    public String name() {
        return BenchmarkSettings.KAFKA_CHAIN;
    }

    @Override
    public String description() {
        return "the four request/reply exchanges (ReserveInventory, ChargePayment, ScheduleShipment, NotifyCustomer) through the "
                + "reference participants over Kafka, each reply sending the next command, no engine, until CustomerNotified";
    }

    @Override
    public void start() {
        participants.forEach(MessageListenerContainer::pause);
        var consumer = TopicReader.assignedTo(bootstrapServers, ChainParticipants.PARTICIPANTS.stream().map(ChainParticipants::eventTopic).toList(),
                Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"));
        TopicReader.fromTheEnd(consumer);
        driver = TopicReader.pollUntilStopped("benchmark-kafka-chain-driver", consumer, running, this::onEvent);
    }

    @Override
    public String place(BenchOrder order) {
        String orderId = UUID.randomUUID().toString();
        inFlight.put(orderId, order);
        var payload = new LinkedHashMap<String, Object>();
        payload.put("items", order.request().items());
        send(orderId, "inventory", "ReserveInventory", payload);
        return orderId;
    }

    private void onEvent(ConsumerRecord<String, String> record) {
        Envelope event = codec.read(record.value());
        BenchOrder order = inFlight.get(event.orderId());
        if (order == null) {
            return; // an order of an earlier block given up on
        }
        PlaceOrderRequest request = order.request();
        var payload = new LinkedHashMap<String, Object>();
        switch (event.type()) {
            case "InventoryReserved" -> {
                payload.put("customerId", request.customerId());
                payload.put("amount", BenchOrder.UNIT_PRICE.multiply(java.math.BigDecimal.valueOf(request.items().getFirst().quantity())));
                payload.put("currency", currency);
                send(event.orderId(), "payment", "ChargePayment", payload);
            }
            case "PaymentCharged" -> {
                payload.put("address", request.shippingAddress());
                payload.put("items", request.items());
                send(event.orderId(), "shipment", "ScheduleShipment", payload);
            }
            case "ShipmentScheduled" -> {
                JsonNode tracking = event.payload().path("trackingNumber");
                payload.put("email", request.email());
                payload.put("customerId", request.customerId());
                payload.put("kind", "OrderShipped");
                payload.put("trackingNumber", tracking.isTextual() ? tracking.asText() : null);
                send(event.orderId(), "notification", "NotifyCustomer", payload);
            }
            case "CustomerNotified" -> done(event.orderId(), true);
            default -> {
                System.out.println("[benchmark] kafka-chain: order " + event.orderId() + " got " + event.type() + ": " + event.payload());
                done(event.orderId(), false);
            }
        }
    }

    /** Sends a command the way the bridge does: envelope, key = order id, the bridge's headers. */
    private void send(String orderId, String participant, String type, Map<String, Object> payload) {
        String commandId = "cmd-" + COMMAND_IDS.incrementAndGet();
        var command = new Envelope(Envelope.SCHEMA_VERSION, commandId, type, orderId, commandId, SOURCE, Instant.now(), codec.toPayload(payload));
        var record = new ProducerRecord<String, String>(ChainParticipants.commandTopic(participant), orderId, codec.write(command));
        record.headers()
                .add(MessageHeaders.COMMAND_ID, bytes(commandId))
                .add(MessageHeaders.MESSAGE_TYPE, bytes(type))
                .add(MessageHeaders.JOB_RETRIES, bytes("5"))
                .add(MessageHeaders.TRACEPARENT, bytes(TraceContext.forOrder(orderId)));
        kafka.send(record).whenComplete((result, error) -> {
            if (error != null) {
                System.out.println("[benchmark] kafka-chain: sending " + type + " for order " + orderId + " failed: " + error);
                done(orderId, false);
            }
        });
    }

    private void done(String orderId, boolean ok) {
        inFlight.remove(orderId);
        Completions current = sink;
        if (current != null) {
            current.completed(orderId, ok);
        }
    }

    @Override
    public void attach(Completions sink) {
        this.sink = sink;
        if (sink == null) {
            inFlight.clear();
            participants.forEach(MessageListenerContainer::pause);
        } else {
            participants.forEach(MessageListenerContainer::resume);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (driver != null) {
            driver.join(5000);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

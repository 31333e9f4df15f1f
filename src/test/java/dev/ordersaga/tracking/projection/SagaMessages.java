package dev.ordersaga.tracking.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersaga.engine.CommandIds;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.order.OrderState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The messages an order's saga writes, built by hand and published straight to the topics, as the order
 * process, the bridge and the participants would (the tests using them switch the participants off).
 */
final class SagaMessages {

    /**
     * A message, the topic it goes to and its headers: a command names its BPMN element and step as the bridge sends them,
     * a reply echoes them as a participant does.
     */
    record Sent(String topic, Envelope envelope, Map<String, String> headers) {

        Sent(String topic, Envelope envelope) {
            this(topic, envelope, Map.of());
        }

        ProducerRecord<String, String> record(EnvelopeCodec codec) {
            var record = new ProducerRecord<String, String>(topic, envelope.orderId(), codec.write(envelope));
            headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            return record;
        }
    }

    private static final ObjectMapper json = new ObjectMapper();
    /** Job keys of a partition that does not exist (Zeebe keys carry their partition id in the high bits). */
    private static final long UNKNOWN_JOBS = 4000L << 51;

    final String orderId = UUID.randomUUID().toString();
    final String customerId;
    final Instant start;
    final long processInstanceKey = Math.abs(new java.util.Random().nextLong() % 1_000_000_000_000L);
    private int tick;

    SagaMessages(String customerId, Instant start) {
        this.customerId = customerId;
        this.start = start;
    }

    /** OrderCreated → inventory → InventoryChecked → payment → PaymentProcessed → shipment → OrderShipped → notification. */
    List<Sent> shipped() {
        var sent = new ArrayList<Sent>();
        sent.add(state(OrderState.OrderCreated, null));
        sent.addAll(step("inventory", "ReserveInventory", "InventoryReserved", null));
        sent.add(state(OrderState.InventoryChecked, null));
        sent.addAll(step("payment", "ChargePayment", "PaymentCharged", null));
        sent.add(state(OrderState.PaymentProcessed, null));
        sent.addAll(step("shipment", "ScheduleShipment", "ShipmentScheduled", null));
        sent.add(state(OrderState.OrderShipped, null));
        sent.addAll(step("notification", "NotifyCustomer", "CustomerNotified", null));
        return sent;
    }

    /** The payment is declined: the inventory is released, the customer notified, the order fails. */
    List<Sent> paymentDeclined() {
        var sent = new ArrayList<Sent>();
        sent.add(state(OrderState.OrderCreated, null));
        sent.addAll(step("inventory", "ReserveInventory", "InventoryReserved", null));
        sent.add(state(OrderState.InventoryChecked, null));
        sent.addAll(step("payment", "ChargePayment", "PaymentKO", "card declined"));
        sent.addAll(step("inventory", "ReleaseInventory", "InventoryReleased", null));
        sent.addAll(step("notification", "NotifyCustomer", "CustomerNotified", null));
        ObjectNode failure = json.createObjectNode().put("step", "Charge payment").put("elementId", "Task_ChargePayment")
                .put("event", "PaymentKO").put("message", "card declined");
        sent.add(state(OrderState.OrderFailed, failure));
        return sent;
    }

    /** Only the start: OrderCreated and the first command, which nobody answers. */
    List<Sent> created() {
        var sent = new ArrayList<Sent>();
        sent.add(state(OrderState.OrderCreated, null));
        sent.add(command("inventory", "ReserveInventory"));
        return sent;
    }

    Sent state(OrderState state, ObjectNode failureReason) {
        ObjectNode snapshot = json.createObjectNode();
        snapshot.put("orderId", orderId);
        snapshot.put("customerId", customerId);
        snapshot.put("email", customerId + "@example.com");
        snapshot.putArray("items").addObject().put("sku", "SKU-" + state.name()).put("quantity", 2).put("unitPrice", 12.5);
        snapshot.put("total", 25.0);
        snapshot.put("currency", "EUR");
        snapshot.putObject("shippingAddress").put("name", "Ada Lovelace").put("street", "Main St 1").put("city", "Berlin")
                .put("postalCode", "10115").put("country", "DE");
        if (failureReason != null) {
            snapshot.set("failureReason", failureReason);
        }
        snapshot.put("processInstanceKey", processInstanceKey);
        snapshot.put("elementId", "Event_" + state.name());
        String id = UUID.nameUUIDFromBytes(("order-state/" + orderId + "/" + state).getBytes(StandardCharsets.UTF_8)).toString();
        return new Sent("order-state", new Envelope(Envelope.SCHEMA_VERSION, id, state.name(), orderId, null, "order-process", next(), snapshot));
    }

    /** The bridge's notice that a step used its last retry (an incident in the engine). */
    Sent incident(String commandType, String message) {
        var notice = new Envelope(Envelope.SCHEMA_VERSION, UUID.randomUUID().toString(), "StepIncident", orderId, null, "order-saga-bridge", next(),
                json.createObjectNode().put("commandType", commandType).put("message", message));
        return new Sent("order-state", notice);
    }

    /** The same state change published again by another job (a new message id), written at {@code time}. */
    Sent restate(OrderState state, Instant time) {
        Envelope original = state(state, null).envelope();
        return new Sent("order-state", new Envelope(Envelope.SCHEMA_VERSION, UUID.randomUUID().toString(), original.type(), orderId, null,
                original.source(), time, original.payload()));
    }

    /**
     * A command as the bridge sends it: its id is its command id, made from a job key, here one the engine
     * never issues, so that the bridge drops the events answering it as late ones.
     */
    Sent command(String step, String type) {
        String commandId = CommandIds.forJob(orderId, UNKNOWN_JOBS, UNKNOWN_JOBS + Math.floorMod((orderId + "/" + type).hashCode(), 1_000_000_000));
        // A payload no reference participant accepts (items is not a list; no customer, amount, address or e-mail): should a
        // participant run while these tests publish, it parks the command instead of answering it.
        var command = new Envelope(Envelope.SCHEMA_VERSION, commandId, type, orderId, commandId, "order-saga-bridge", next(),
                json.createObjectNode().put("orderId", orderId).put("items", "hand-built by a tracking test"));
        return new Sent(step + "-commands", command, elementHeaders(type));
    }

    /** The element and step of a command type as the order process names them: {@code Task_ReserveInventory}, "Reserve inventory". */
    static Map<String, String> elementHeaders(String commandType) {
        String name = commandType.replaceAll("([a-z])([A-Z])", "$1 $2");
        return Map.of(MessageHeaders.ELEMENT_ID, "Task_" + commandType, MessageHeaders.PROCESS_ID, "order-process",
                MessageHeaders.STEP_NAME, name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT));
    }

    private List<Sent> step(String step, String commandType, String eventType, String reason) {
        Sent command = command(step, commandType);
        ObjectNode payload = json.createObjectNode();
        if (reason != null) {
            payload.put("reason", reason);
        }
        String replyId = UUID.nameUUIDFromBytes((command.envelope().id() + "/" + eventType).getBytes(StandardCharsets.UTF_8)).toString();
        var event = new Envelope(Envelope.SCHEMA_VERSION, replyId, eventType, orderId, command.envelope().commandId(), step, next(), payload);
        return List.of(command, new Sent(step + "-events", event, command.headers()));
    }

    /** Each message 100 ms after the one before. */
    private Instant next() {
        return start.plusMillis(100L * tick++);
    }

    static void publish(KafkaTemplate<String, String> kafka, EnvelopeCodec codec, List<Sent> messages) {
        try {
            for (Sent sent : messages) {
                kafka.send(sent.record(codec)).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Publishing failed", e);
        }
    }
}

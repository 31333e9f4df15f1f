package dev.ordersaga;

import static dev.ordersaga.support.OrderApi.exchange;
import static dev.ordersaga.support.OrderApi.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.messaging.MessageHeaders;
import dev.ordersaga.participants.ParticipantsDatabase;
import dev.ordersaga.participants.payment.Payments;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import dev.ordersaga.support.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

/** Every failure point of the saga, with the real engine, broker and reference participants. */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.admin.enabled=true")
class SagaFailureIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TopicProbe probe;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    Payments payments;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    MeterRegistry registry;

    ParticipantsDatabase db;

    @Autowired
    void participantsDatabase(ParticipantStore store) {
        db = new ParticipantsDatabase(store);
    }

    OrderApi api;

    @BeforeAll
    static void startProbe(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Autowired EnvelopeCodec codec) {
        probe = new TopicProbe(bootstrap, codec, "payment-events");
    }

    @AfterAll
    static void stopProbe() throws InterruptedException {
        probe.close();
    }

    @BeforeEach
    void api() {
        api = new OrderApi(rest);
    }

    @Test
    void inventoryKoCompensatesNothingAndFailsTheOrder() {
        int stockBefore = db.available("book-0011");
        String orderId = api.place(Orders.order("ko-inventory", "book-0011", 10_001, "1.00", "DE"));

        Map<String, Object> order = api.awaitOrder(orderId, WAIT, o -> {
            assertThat(o).containsEntry("state", "OrderFailed");
            assertThat(exchange(o)).containsExactly(
                "ReserveInventory", "InventoryCheckKO", "NotifyCustomer", "CustomerNotified");
        });
        assertThat(reason(order)).containsEntry("step", "Reserve inventory").containsEntry("event", "InventoryCheckKO");
        assertThat((String) reason(order).get("message")).contains("book-0011");
        assertThat(db.available("book-0011")).as("stock back to what it was (the database is shared by the test classes)").isEqualTo(stockBefore);
        assertFailureNotified(orderId);
    }

    @Test
    void paymentKoReleasesTheStock() {
        int stockBefore = db.available("book-0012");
        String orderId = api.place(Orders.order("ko-payment", "book-0012", 2, "5000.01", "DE"));

        Map<String, Object> order = api.awaitOrder(orderId, WAIT, o -> {
            assertThat(o).containsEntry("state", "OrderFailed");
            assertThat(exchange(o)).containsExactly(
                "ReserveInventory", "InventoryReserved", "ChargePayment", "PaymentKO",
                "ReleaseInventory", "InventoryReleased", "NotifyCustomer", "CustomerNotified");
        });
        assertThat(reason(order)).containsEntry("step", "Charge payment").containsEntry("event", "PaymentKO");
        assertThat(db.reservedUnits(orderId)).isZero();
        assertThat(db.available("book-0012")).as("stock back to what it was (the database is shared by the test classes)").isEqualTo(stockBefore);
        assertThat(db.charged(orderId)).isEqualByComparingTo("0");
        assertFailureNotified(orderId);
    }

    @Test
    void shipmentKoRefundsThePaymentThenReleasesTheStockInThatOrder() {
        int stockBefore = db.available("book-0013");
        String orderId = api.place(Orders.order("ko-shipment", "book-0013", 3, "10.00", "AQ"));

        Map<String, Object> order = api.awaitOrder(orderId, WAIT, o -> {
            assertThat(o).containsEntry("state", "OrderFailed");
            assertThat(exchange(o)).containsExactly(
                "ReserveInventory", "InventoryReserved", "ChargePayment", "PaymentCharged", "ScheduleShipment", "ShipmentKO",
                "RefundPayment", "PaymentRefunded", "ReleaseInventory", "InventoryReleased", "NotifyCustomer", "CustomerNotified");
        });
        assertThat(reason(order)).containsEntry("step", "Schedule shipment").containsEntry("event", "ShipmentKO");
        assertThat(db.charged(orderId)).isEqualByComparingTo("30.00");
        assertThat(db.refunded(orderId)).isEqualByComparingTo("30.00");
        assertThat(payments.creditLeft("ko-shipment")).isEqualByComparingTo("10000.00");
        assertThat(db.reservedUnits(orderId)).isZero();
        assertThat(db.available("book-0013")).as("stock back to what it was (the database is shared by the test classes)").isEqualTo(stockBefore);
        assertFailureNotified(orderId);
    }

    @Test
    void ordersWaitForAStoppedParticipantAndCompleteWhenItIsBack() {
        api.stopParticipant("shipment");
        try {
            List<String> orderIds = java.util.stream.IntStream.range(0, 5).mapToObj(i -> api.place(Orders.happy("waiting-" + i))).toList();
            for (String orderId : orderIds) {
                api.awaitState(orderId, WAIT, "PaymentProcessed");
            }
            // Each waits at Schedule shipment: its command is out, and nothing answers it.
            for (String orderId : orderIds) {
                api.awaitOrder(orderId, WAIT, o -> assertThat(types(o, "command")).contains("ScheduleShipment"));
            }
            for (String orderId : orderIds) {
                assertThat(api.get(orderId).getBody()).containsEntry("state", "PaymentProcessed");
            }
            api.startParticipant("shipment");
            for (String orderId : orderIds) {
                assertThat(api.awaitFinal(orderId, WAIT)).containsEntry("state", "OrderShipped");
            }
        } finally {
            api.startParticipant("shipment");
        }
    }

    @Test
    void aChargeThatArrivesAfterItsRefundIsRefusedAndADuplicateChargeIsAppliedOnce() {
        String reordered = "reordered-" + UUID.randomUUID();
        send("payment-commands", Envelope.create("RefundPayment", reordered, "cmd-1001", "test", codec.toPayload(
                Map.of("customerId", "reorder-customer", "amount", 40, "currency", "EUR"))));
        send("payment-commands", Envelope.create("ChargePayment", reordered, "cmd-1000", "test", codec.toPayload(
                Map.of("customerId", "reorder-customer", "amount", 40, "currency", "EUR"))));
        await().atMost(WAIT).until(() -> probe.messages("payment-events", reordered).size() == 2);
        assertThat(probe.messages("payment-events", reordered)).extracting(Envelope::type).containsExactly("PaymentRefunded", "PaymentKO");
        assertThat(db.charged(reordered)).isEqualByComparingTo("0");
        assertThat(payments.creditLeft("reorder-customer")).isEqualByComparingTo("10000.00");

        String duplicated = "duplicated-" + UUID.randomUUID();
        var charge = Envelope.create("ChargePayment", duplicated, "cmd-2000", "test", codec.toPayload(
                Map.of("customerId", "duplicate-customer", "amount", 25, "currency", "EUR")));
        send("payment-commands", charge);
        send("payment-commands", charge);
        await().atMost(WAIT).until(() -> probe.messages("payment-events", duplicated).size() == 2);
        var replies = probe.messages("payment-events", duplicated);
        assertThat(replies).extracting(Envelope::type).containsOnly("PaymentCharged");
        assertThat(replies.get(0).id()).isEqualTo(replies.get(1).id());
        assertThat(db.charged(duplicated)).isEqualByComparingTo("25");
        assertThat(payments.creditLeft("duplicate-customer")).isEqualByComparingTo("9975.00");
    }

    @Test
    void aLateEventOfAStepAlreadyDoneIsDroppedWhileTheOrderWaitsAtALaterStep() {
        String orderId;
        api.stopParticipant("shipment");
        try {
            orderId = api.place(Orders.happy("late-event"));
            Map<String, Object> waiting = api.awaitOrder(orderId, WAIT, o -> {
                assertThat(o).containsEntry("state", "PaymentProcessed");
                assertThat(types(o, "command")).contains("ScheduleShipment");
            });
            @SuppressWarnings("unchecked")
            String reserveCommandId = ((List<Map<String, Object>>) waiting.get("history")).stream()
                    .filter(e -> "ReserveInventory".equals(e.get("type"))).map(e -> (String) e.get("commandId")).findFirst().orElseThrow();
            double droppedBefore = dropped("ReserveInventory");

            // The order is running (its process instance waits at Schedule shipment): a failure that arrives now for the
            // step it has done must be recognised as late, not fail the order.
            send("inventory-events", Envelope.create("InventoryCheckKO", orderId, reserveCommandId, "test", codec.toPayload(Map.of("reason", "late"))));
            await().atMost(WAIT).until(() -> dropped("ReserveInventory") > droppedBefore);
            assertThat(api.get(orderId).getBody()).containsEntry("state", "PaymentProcessed");
        } finally {
            api.startParticipant("shipment");
        }
        assertThat(api.awaitFinal(orderId, WAIT)).containsEntry("state", "OrderShipped");
        assertThat(db.refunded(orderId)).isEqualByComparingTo("0");
        assertThat(db.reservedUnits(orderId)).isPositive();
    }

    private double dropped(String step) {
        return registry.get("order.saga.step.outcomes").tags("step", step, "outcome", "dropped").counter().count();
    }

    private void send(String topic, Envelope message) {
        var record = new ProducerRecord<String, String>(topic, message.orderId(), codec.write(message));
        if (message.commandId() != null) {
            record.headers().add(MessageHeaders.COMMAND_ID, message.commandId().getBytes(StandardCharsets.UTF_8));
        }
        kafka.send(record).join();
    }

    private void assertFailureNotified(String orderId) {
        assertThat(db.messages(orderId)).singleElement()
                .satisfies(mail -> assertThat(mail.kind().name()).isEqualTo("OrderFailed"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reason(Map<String, Object> order) {
        return (Map<String, Object>) order.get("failureReason");
    }
}

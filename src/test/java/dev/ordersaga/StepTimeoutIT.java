package dev.ordersaga;

import static dev.ordersaga.support.OrderApi.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.participants.ParticipantsDatabase;
import dev.ordersaga.participants.payment.Payments;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

/** A step that passes its deadline is compensated too, because its command may still take effect. */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.admin.enabled=true")
@TestPropertySource(properties = "order-saga.order.step-timeout=PT3S")
class StepTimeoutIT {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    Payments payments;

    ParticipantsDatabase db;

    @Autowired
    void participantsDatabase(ParticipantStore store) {
        db = new ParticipantsDatabase(store);
    }

    @AfterEach
    void clearFaults() {
        new OrderApi(rest).clearFaults("payment");
    }

    @Test
    void aChargeThatHappensAfterTheDeadlineIsRefundedAndTheStockReleased() {
        var api = new OrderApi(rest);
        // The payment service holds every command for 5 s: the charge takes effect after the 3 s deadline.
        api.setFaults("payment", Map.of("delay", "PT5S"));
        int stockBefore = db.available("book-0021");
        String orderId = api.place(Orders.order("slow-payer", "book-0021", 4, "20.00", "DE"));

        Map<String, Object> order = api.awaitOrder(orderId, Duration.ofSeconds(60), o -> {
            assertThat(o).containsEntry("state", "OrderFailed");
            assertThat(exchange(o)).containsSubsequence(
                "ChargePayment", "RefundPayment", "PaymentRefunded", "ReleaseInventory", "InventoryReleased", "NotifyCustomer", "CustomerNotified");
        });
        @SuppressWarnings("unchecked")
        var reason = (Map<String, Object>) order.get("failureReason");
        assertThat(reason).containsEntry("step", "Charge payment").containsEntry("event", "StepTimedOut");

        // No money kept for the failed order: the late charge was refunded (or refused, had the refund come first).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(db.charged(orderId).subtract(db.refunded(orderId))).isEqualByComparingTo("0"));
        assertThat(payments.creditLeft("slow-payer")).isEqualByComparingTo("10000.00");
        assertThat(db.reservedUnits(orderId)).isZero();
        assertThat(db.available("book-0021")).as("stock back to what it was (the database is shared by the test classes)").isEqualTo(stockBefore);
    }
}

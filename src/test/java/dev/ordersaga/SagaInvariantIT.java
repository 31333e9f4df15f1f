package dev.ordersaga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.participants.ParticipantsDatabase;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.OrderApi;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import dev.ordersaga.support.Orders;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

/**
 * A mixed run with random business and technical failures at every step, then the saga's invariants:
 * every order ends shipped or failed, a failed order holds no stock and keeps no money, stock is
 * conserved, and the money kept is exactly what the shipped orders cost.
 */
@OrderSagaIntegrationTest
@TestPropertySource(properties = "order-saga.participants.admin.enabled=true")
class SagaInvariantIT {

    private static final Logger log = LoggerFactory.getLogger(SagaInvariantIT.class);
    private static final int ORDERS = 200;
    private static final List<String> PARTICIPANTS = List.of("inventory", "payment", "shipment", "notification");

    @Autowired
    TestRestTemplate rest;

    ParticipantsDatabase db;

    @Autowired
    void participantsDatabase(ParticipantStore store) {
        db = new ParticipantsDatabase(store);
    }


    @AfterEach
    void clearFaults() {
        var api = new OrderApi(rest);
        PARTICIPANTS.forEach(api::clearFaults);
    }

    @Test
    void everyOrderEndsShippedOrFullyRolledBack() throws Exception {
        var api = new OrderApi(rest);
        api.setFaults("inventory", Map.of("businessFailureRate", 0.08, "technicalFailureRate", 0.05));
        api.setFaults("payment", Map.of("businessFailureRate", 0.08, "technicalFailureRate", 0.05));
        api.setFaults("shipment", Map.of("businessFailureRate", 0.08, "technicalFailureRate", 0.05));
        api.setFaults("notification", Map.of("technicalFailureRate", 0.05));

        var random = new Random(20261123);
        List<Map<String, Object>> requests = IntStream.range(0, ORDERS).mapToObj(i -> {
            String sku = "book-%04d".formatted(1 + random.nextInt(100));
            int quantity = 1 + random.nextInt(5);
            String price = "%d.%02d".formatted(1 + random.nextInt(60), random.nextInt(100));
            String country = i % 17 == 0 ? "AQ" : "DE";
            if (i % 23 == 0) {
                return Orders.order("invariant-" + (i % 40), sku, 20_000, price, country);
            }
            return Orders.order("invariant-" + (i % 40), sku, quantity, price, country);
        }).toList();

        List<String> orderIds = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> placed = requests.stream().map(r -> pool.submit(() -> api.place(r))).toList();
            for (Future<String> f : placed) {
                orderIds.add(f.get());
            }
        }

        BigDecimal shippedTotal = BigDecimal.ZERO;
        BigDecimal keptForMyOrders = BigDecimal.ZERO;
        int shipped = 0;
        for (String orderId : orderIds) {
            Map<String, Object> order = api.awaitFinal(orderId, Duration.ofMinutes(3));
            BigDecimal kept = db.charged(orderId).subtract(db.refunded(orderId));
            keptForMyOrders = keptForMyOrders.add(kept);
            if ("OrderShipped".equals(order.get("state"))) {
                shipped++;
                shippedTotal = shippedTotal.add(new BigDecimal(order.get("total").toString()));
                assertThat(kept).as("money kept for shipped order %s", orderId).isEqualByComparingTo(new BigDecimal(order.get("total").toString()));
            } else {
                assertThat(db.reservedUnits(orderId)).as("stock held by failed order %s", orderId).isZero();
                assertThat(kept).as("money kept for failed order %s", orderId).isEqualByComparingTo("0");
                assertThat(order.get("failureReason")).as("reason of %s", orderId).isNotNull();
            }
        }
        log.info("Invariant run: {} orders, {} shipped, {} failed", ORDERS, shipped, ORDERS - shipped);
        assertThat(shipped).as("a mixed run ships some orders and fails others").isBetween(1, ORDERS - 1);

        int stock = IntStream.rangeClosed(1, 100).mapToObj("book-%04d"::formatted)
                .mapToInt(sku -> db.available(sku) + db.reservedUnitsOf(sku)).sum();
        assertThat(stock).as("stock plus reservations, read from the database").isEqualTo(100 * 10_000);
        for (String orderId : orderIds) {
            List<LedgerEntry> stockLedger = ledger("inventory", "orderId=" + orderId);
            int held = stockLedger.stream().mapToInt(e -> e.entry().equals("reserved") ? e.quantity() : -e.quantity()).sum();
            assertThat(held).as("units held by %s in the inventory ledger", orderId).isEqualTo(db.reservedUnits(orderId));
        }
        assertThat(keptForMyOrders).isEqualByComparingTo(shippedTotal);
        BigDecimal ledgerKept = BigDecimal.ZERO;
        for (String orderId : orderIds) {
            List<LedgerEntry> ledger = ledger("payment", "orderId=" + orderId);
            assertThat(ledger).filteredOn(e -> e.entry().equals("charged")).as("charges of %s", orderId).hasSizeLessThanOrEqualTo(1);
            assertThat(ledger).filteredOn(e -> e.entry().equals("refunded")).as("refunds of %s", orderId).hasSizeLessThanOrEqualTo(1);
            for (LedgerEntry entry : ledger) {
                ledgerKept = entry.entry().equals("charged") ? ledgerKept.add(entry.amount()) : ledgerKept.subtract(entry.amount());
            }
        }
        assertThat(ledger("payment", "limit=5")).as("the most recent entries, at most limit").hasSize(5)
                .allSatisfy(entry -> assertThat(entry.entry()).isIn("charged", "refunded"));
        assertThat(ledgerKept).as("charges minus refunds in the payment ledger read back from the database").isEqualByComparingTo(shippedTotal);
    }

    /** A participant's ledger through its admin endpoint, read from its database. */
    private List<LedgerEntry> ledger(String participant, String query) {
        return rest.exchange("/participants/" + participant + "/ledger?" + query, HttpMethod.GET, null, new ParameterizedTypeReference<List<LedgerEntry>>() {})
                .getBody();
    }
}

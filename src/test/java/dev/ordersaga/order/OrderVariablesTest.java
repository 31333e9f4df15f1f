package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderVariablesTest {

    private static final PlaceOrderRequest REQUEST = new PlaceOrderRequest("c-42", "ann@example.com",
            List.of(new PlaceOrderRequest.Item("book-0001", 2, new BigDecimal("12.50"))),
            new PlaceOrderRequest.ShippingAddress("Ann", "Main St 1", "Berlin", "10115", "DE"));

    @Test
    void theSagaStartsWithTheOrdersDataAndItsStepDeadlineByTheNamesTheProcessReads() {
        var variables = OrderVariables.atStart("o-1", REQUEST, new BigDecimal("25.00"), "EUR", "PT2M").asMap();

        assertThat(variables).containsExactly(
                java.util.Map.entry("orderId", "o-1"),
                java.util.Map.entry("customerId", "c-42"),
                java.util.Map.entry("email", "ann@example.com"),
                java.util.Map.entry("items", REQUEST.items()),
                java.util.Map.entry("total", new BigDecimal("25.00")),
                java.util.Map.entry("currency", "EUR"),
                java.util.Map.entry("shippingAddress", REQUEST.shippingAddress()),
                java.util.Map.entry("stepTimeout", "PT2M"));
    }

    @Test
    void aStateChangeCarriesTheOrderButNotTheProcesssSettings() {
        assertThat(OrderVariables.SNAPSHOT).containsExactly("orderId", "customerId", "email", "items", "total", "currency", "shippingAddress",
                "failureReason", "trackingNumber");
    }

    @Test
    void aSnapshotIsReadWithItsTypesAndWhatDoesNotFitIsLeftOut() {
        ObjectNode snapshot = JsonNodeFactory.instance.objectNode().put("orderId", "o-1").put("customerId", "c-42").put("total", 25.0)
                .put("currency", "EUR");
        var items = snapshot.putArray("items");
        items.addObject().put("sku", "book-0001").put("quantity", 2).put("unitPrice", 12.5);
        items.add("not an item");
        snapshot.put("shippingAddress", 42);
        snapshot.putObject("email").put("not", "text");
        snapshot.putObject("failureReason").put("event", "PaymentKO");

        var read = OrderVariables.read(snapshot);

        assertThat(read.orderId()).isEqualTo("o-1");
        assertThat(read.customerId()).isEqualTo("c-42");
        assertThat(read.total()).isEqualByComparingTo("25");
        assertThat(read.items()).containsExactly(new PlaceOrderRequest.Item("book-0001", 2, new BigDecimal("12.5")));
        assertThat(read.shippingAddress()).isNull();
        assertThat(read.email()).isNull();
        assertThat(read.failureReason().path("event").asText()).isEqualTo("PaymentKO");
        assertThat(read.stepTimeout()).isNull();
    }
}

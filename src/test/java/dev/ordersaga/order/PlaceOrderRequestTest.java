package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlaceOrderRequestTest {

    private static jakarta.validation.ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void createValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    private static PlaceOrderRequest.ShippingAddress address(String country) {
        return new PlaceOrderRequest.ShippingAddress("Ann", "Main 1", "Berlin", "10115", country);
    }

    private static PlaceOrderRequest order(List<PlaceOrderRequest.Item> items, String country) {
        return new PlaceOrderRequest("c-1", "ann@example.com", items, address(country));
    }

    private static Set<String> badFields(Object request) {
        return validator.validate(request).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
    }

    @Test
    void aValidOrderPasses() {
        var order = order(List.of(new PlaceOrderRequest.Item("book-0001", 2, new BigDecimal("12.50"))), "DE");
        assertThat(badFields(order)).isEmpty();
        assertThat(OrderService.total(order)).isEqualByComparingTo("25.00");
        assertThat(OrderService.total(order).scale()).isEqualTo(2);
    }

    @Test
    void namesEveryBadField() {
        var order = new PlaceOrderRequest(" ", "not-an-email",
                List.of(new PlaceOrderRequest.Item("", 0, new BigDecimal("1.005")), new PlaceOrderRequest.Item("b", 100_001, new BigDecimal("-1"))),
                address("Germany"));
        assertThat(badFields(order)).containsExactlyInAnyOrder(
                "customerId", "email", "items[0].sku", "items[0].quantity", "items[0].unitPrice",
                "items[1].quantity", "items[1].unitPrice", "shippingAddress.country");
    }

    @Test
    void requiresItemsAndAnAddress() {
        assertThat(badFields(new PlaceOrderRequest("c", "a@b.de", List.of(), null))).containsExactlyInAnyOrder("items", "shippingAddress");
        assertThat(badFields(new PlaceOrderRequest(null, null, null, address(null))))
                .containsExactlyInAnyOrder("customerId", "email", "items", "shippingAddress.country");
    }

    @Test
    void quantityUpTo100000AndPricesWithTwoDecimalsAreFine() {
        var order = order(List.of(new PlaceOrderRequest.Item("book-0001", 100_000, new BigDecimal("0.01"))), "AQ");
        assertThat(badFields(order)).isEmpty();
    }

    @Test
    void countryCodesAreIsoAlpha2InUpperCase() {
        assertThat(badFields(address("de"))).containsExactly("country");
        assertThat(badFields(address("XX"))).containsExactly("country");
        assertThat(badFields(address("FR"))).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameOrderId() {
        var service = new OrderService(null, null, null, null, OrderIds.withRandomKey());
        assertThat(service.orderIdFor("key-1")).isEqualTo(service.orderIdFor("key-1")).isNotEqualTo(service.orderIdFor("key-2"));
        assertThat(service.orderIdFor(null)).isNotEqualTo(service.orderIdFor(null));
    }
}

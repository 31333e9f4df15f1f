package dev.ordersaga.support;

import java.util.List;
import java.util.Map;

/** Order requests for the demo data of the reference participants. */
public final class Orders {

    private Orders() {}

    public static Map<String, Object> order(String customerId, String sku, int quantity, String unitPrice, String country) {
        return Map.of(
                "customerId", customerId,
                "email", customerId + "@example.com",
                "items", List.of(Map.of("sku", sku, "quantity", quantity, "unitPrice", unitPrice)),
                "shippingAddress", Map.of("name", "Ann Example", "street", "Main Street 1", "city", "Berlin",
                        "postalCode", "10115", "country", country));
    }

    /** A small order that every reference participant accepts. */
    public static Map<String, Object> happy(String customerId) {
        return order(customerId, "book-0001", 2, "12.50", "DE");
    }
}

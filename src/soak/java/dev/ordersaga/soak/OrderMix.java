package dev.ordersaga.soak;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The orders of a soak: one in ten fails for a business reason, spread evenly over the three steps that can fail, by the
 * demo rules of the reference participants (README, "Demo data"): more units than a SKU has (10,000) fails the inventory
 * step, a total above the customer's credit (10,000.00) the payment step, the country {@code AQ} the shipment step. Every
 * order has a customer of its own, so that no order eats into another's credit, and the happy ones take a few units of a
 * few of the 100 SKUs, far from exhausting any.
 */
final class OrderMix {

    /** What an order is expected to end as. */
    enum Kind {
        SHIPPED, INVENTORY_KO, PAYMENT_KO, SHIPMENT_KO;

        boolean ships() {
            return this == SHIPPED;
        }
    }

    private final String run;

    OrderMix(String run) {
        this.run = run;
    }

    static Kind kind(int n) {
        return switch (n % 30) {
            case 7 -> Kind.INVENTORY_KO;
            case 17 -> Kind.PAYMENT_KO;
            case 27 -> Kind.SHIPMENT_KO;
            default -> Kind.SHIPPED;
        };
    }

    String customerId(int n) {
        return "soak-" + run + "-" + n;
    }

    /** One line of an order. */
    record Item(String sku, int quantity, BigDecimal unitPrice) {}

    /** The lines of order {@code n}. */
    static List<Item> items(int n) {
        Kind kind = kind(n);
        var items = new ArrayList<Item>();
        int lines = kind == Kind.INVENTORY_KO ? 1 : 1 + n % 3;
        for (int line = 0; line < lines; line++) {
            String sku = String.format(Locale.ROOT, "book-%04d", 1 + (n * 7 + line * 13) % 100);
            int quantity = kind == Kind.INVENTORY_KO ? 20_000 : 1 + (n + line) % 3;
            BigDecimal price = kind == Kind.PAYMENT_KO ? new BigDecimal("10000.01") : BigDecimal.valueOf(500 + ((n + line) % 40) * 100 + n % 100, 2);
            items.add(new Item(sku, quantity, price));
        }
        return items;
    }

    /** What order {@code n} costs. */
    static BigDecimal total(int n) {
        return items(n).stream().map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity()))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The body of {@code POST /orders} for order {@code n}. */
    String body(int n) {
        String items = items(n).stream().map(i -> """
                {"sku":"%s","quantity":%d,"unitPrice":"%s"}""".formatted(i.sku(), i.quantity(), i.unitPrice().toPlainString()))
                .collect(Collectors.joining(","));
        String country = kind(n) == Kind.SHIPMENT_KO ? "AQ" : "DE";
        return """
                {"customerId":"%s","email":"soak-%d@example.com","items":[%s],
                 "shippingAddress":{"name":"Soak %d","street":"Main St %d","city":"Berlin","postalCode":"10115","country":"%s"}}"""
                .formatted(customerId(n), n, items, n, 1 + n % 200, country);
    }
}

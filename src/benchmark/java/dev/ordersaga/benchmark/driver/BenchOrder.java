package dev.ordersaga.benchmark.driver;

import dev.ordersaga.order.PlaceOrderRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An order of the benchmark: one unit of one demo SKU (round robin over {@code book-0001} …
 * {@code book-0100}, 10,000 units each), a customer of its own (every customer has 10,000.00 EUR of
 * credit) and a German address, so that every reference participant accepts it however many are placed.
 */
public record BenchOrder(long number, PlaceOrderRequest request) {

    public static final BigDecimal UNIT_PRICE = new BigDecimal("12.50");
    private static final AtomicLong NEXT = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    public static BenchOrder next() {
        long n = NEXT.incrementAndGet();
        String customer = "bench-" + RUN + "-" + n;
        String sku = String.format("book-%04d", 1 + n % 100);
        var request = new PlaceOrderRequest(customer, customer + "@example.com",
                List.of(new PlaceOrderRequest.Item(sku, 1, UNIT_PRICE)),
                new PlaceOrderRequest.ShippingAddress("Ann Example", "Main Street 1", "Berlin", "10115", "DE"));
        return new BenchOrder(n, request);
    }

    public static long placed() {
        return NEXT.get();
    }
}

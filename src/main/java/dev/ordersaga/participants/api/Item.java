package dev.ordersaga.participants.api;

import java.math.BigDecimal;

/**
 * An order line, as the inventory and the shipment commands carry it.
 *
 * @param sku the article, e.g. {@code book-0007}
 * @param quantity units, positive
 * @param unitPrice the price of one unit; not used by the reference participants, may be absent
 */
public record Item(String sku, int quantity, BigDecimal unitPrice) {

    public Item {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("item sku is required");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("item quantity must be positive, is " + quantity + " for " + sku);
        }
        if (unitPrice != null && unitPrice.signum() < 0) {
            throw new IllegalArgumentException("item unitPrice must not be negative, is " + unitPrice + " for " + sku);
        }
    }
}

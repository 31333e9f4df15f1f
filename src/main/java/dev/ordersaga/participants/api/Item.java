package dev.ordersaga.participants.api;

import java.math.BigDecimal;

/** An order line; {@code unitPrice} is not used by the reference participants and may be absent. */
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

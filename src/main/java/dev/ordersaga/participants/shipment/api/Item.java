package dev.ordersaga.participants.shipment.api;

import java.math.BigDecimal;

/**
 * A line of the parcel.
 *
 * @param quantity units, positive
 * @param unitPrice not used for shipping, may be absent
 */
public record Item(String sku, int quantity, BigDecimal unitPrice) {

    public Item {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("item sku is required");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("item quantity must be positive, is " + quantity + " for " + sku);
        }
    }
}

package dev.ordersaga.participants.support.store;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One thing a participant did for an order.
 *
 * @param entry {@code reserved}, {@code released}, {@code charged}, {@code refunded}, {@code scheduled}, {@code cancelled} or
 *     {@code notified}
 * @param reference the participant's own: reservation, payment, tracking or notification id
 */
public record LedgerEntry(String participant, String orderId, String entry, String sku, Integer quantity, BigDecimal amount,
        String reference, String commandId, Instant at) {

    public static LedgerEntry of(String participant, String orderId, String entry, String commandId, String reference) {
        return new LedgerEntry(participant, orderId, entry, null, null, null, reference, commandId, null);
    }

    public LedgerEntry withStock(String sku, int quantity) {
        return new LedgerEntry(participant, orderId, entry, sku, quantity, amount, reference, commandId, at);
    }

    public LedgerEntry withAmount(BigDecimal amount) {
        return new LedgerEntry(participant, orderId, entry, sku, quantity, amount, reference, commandId, at);
    }
}

package dev.ordersaga.participants.support.store;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One thing a participant did for an order, as its ledger keeps it.
 *
 * @param entry what was done: {@code reserved}, {@code released}, {@code charged}, {@code refunded}, {@code scheduled},
 *     {@code cancelled}, {@code notified}
 * @param sku the SKU, for stock entries
 * @param quantity the units, for stock entries
 * @param amount the money, for payment entries
 * @param reference the participant's own reference (reservation, payment, tracking or notification id)
 */
public record LedgerEntry(String participant, String orderId, String entry, String sku, Integer quantity, BigDecimal amount,
        String reference, String commandId, Instant at) {

    /** An entry to append now. */
    public static LedgerEntry of(String participant, String orderId, String entry, String commandId) {
        return new LedgerEntry(participant, orderId, entry, null, null, null, null, commandId, null);
    }

    public LedgerEntry withStock(String sku, int quantity) {
        return new LedgerEntry(participant, orderId, entry, sku, quantity, amount, reference, commandId, at);
    }

    public LedgerEntry withAmount(BigDecimal amount) {
        return new LedgerEntry(participant, orderId, entry, sku, quantity, amount, reference, commandId, at);
    }

    public LedgerEntry withReference(String reference) {
        return new LedgerEntry(participant, orderId, entry, sku, quantity, amount, reference, commandId, at);
    }
}

package dev.ordersaga.tracking.projection;

import dev.ordersaga.tracking.OrderDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The order documents this instance wrote last, with the version Elasticsearch gave each write: the
 * starting point of the next merge of that order, so the projection needs no multi-GET for an order it
 * wrote itself. An entry is only a guess: the write that uses it is conditional on that version
 * ({@code if_seq_no}/{@code if_primary_term}), and an order someone else changed since fails it and is re-read.
 *
 * <p>Skipping that read matters to Elasticsearch, not only to the round trip: a real-time GET of a document
 * written since the last refresh makes the shard refresh first, so reading back every order of every batch
 * turned each batch into a refresh of the order index.
 *
 * <p>Bounded (least recently used out first) and safe for the projection's consumer threads.
 */
final class WrittenOrders {

    /** An order document and the version it was read or written at. */
    record Versioned(OrderDocument order, long seqNo, long primaryTerm) {}

    private final Map<String, Versioned> orders;
    private final int capacity;

    WrittenOrders(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.orders = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Versioned> eldest) {
                return size() > WrittenOrders.this.capacity;
            }
        };
    }

    synchronized Optional<Versioned> get(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    synchronized void put(String orderId, Versioned order) {
        if (capacity > 0) {
            orders.put(orderId, order);
        }
    }

    synchronized void forget(String orderId) {
        orders.remove(orderId);
    }

    /** After a failed write or a change of the indices nothing known is trusted any more. */
    synchronized void clear() {
        orders.clear();
    }

    synchronized int size() {
        return orders.size();
    }
}

package dev.ordersaga.participants.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps only its most recently added keys, at most {@code limit} of them: what bounds a reference
 * participant's memory (its outcome per order, its reply per command). Adding a key beyond the limit
 * forgets the key added longest ago; updating a key's value does not make it recent. Not thread-safe: its
 * owner guards it.
 *
 * @param <K> the key, e.g. an order id
 * @param <V> what is remembered of it
 */
public final class RecentEntries<K, V> extends LinkedHashMap<K, V> {

    private final int limit;
    private long forgotten;

    /** @param limit how many keys are kept, at least 1 */
    public RecentEntries(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, is " + limit);
        }
        this.limit = limit;
    }

    /** How many keys were forgotten to keep the limit. */
    public long forgotten() {
        return forgotten;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() > limit) {
            forgotten++;
            return true;
        }
        return false;
    }
}

package io.camunda.zeebe.process.test.engine.db;

import io.camunda.zeebe.db.DbValue;
import io.camunda.zeebe.db.TransactionOperation;
import io.camunda.zeebe.db.ZeebeDbTransaction;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * order-saga's own transaction of the in-memory test engine's state (test classpath only; it takes the place
 * of the class of the same name in {@code zeebe-process-test-engine}, which comes later on the classpath).
 *
 * <p>Same contract: writes are kept in the transaction until commit, reads see the committed state overlaid
 * with them, deleted keys are invisible, and an iterator works on a copy, so the engine may change the state
 * while it visits it. The difference is what gets copied. The engine's iteration seeks a key in one column
 * family and skips every key that lacks the prefix it looks for; where the original copied the whole state for
 * every iteration (and the engine then walked it to its end), this copies only the column family of the key
 * sought, from that key on. Every key outside it is one the engine would have skipped, so it sees the same
 * entries. On the benchmark's saga that copy and walk were the engine's largest costs (see docs/performance.md).
 *
 * <p>And the committed state is read and written under its lock. The engine's scheduled tasks (job back-offs and
 * time-outs, timers) read it from threads of their own while the processing thread commits; unguarded, such a read
 * can throw or see half a commit, and a back-off check that misses a failed job leaves it failed until the next
 * back-off is scheduled.
 */
final class InMemoryDbTransaction implements ZeebeDbTransaction, InMemoryDbState {

    /** A column family's keys all start with its 8-byte id. */
    private static final int COLUMN_FAMILY_BYTES = Long.BYTES;

    private final TreeMap<Bytes, Bytes> database;
    private final TreeMap<Bytes, Bytes> transactionCache = new TreeMap<>();
    private final Set<Bytes> deletedKeys = new HashSet<>();
    private boolean inCurrentTransaction;

    InMemoryDbTransaction(TreeMap<Bytes, Bytes> database) {
        this.database = database;
    }

    void resetTransaction() {
        rollback();
        inCurrentTransaction = true;
    }

    public boolean isInCurrentTransaction() {
        return inCurrentTransaction;
    }

    @Override
    public void run(TransactionOperation operations) throws Exception {
        operations.run();
    }

    @Override
    public void commit() {
        inCurrentTransaction = false;
        synchronized (database) {
            database.putAll(transactionCache);
            deletedKeys.forEach(database::remove);
        }
        deletedKeys.clear();
        transactionCache.clear();
    }

    @Override
    public void rollback() {
        inCurrentTransaction = false;
        deletedKeys.clear();
        transactionCache.clear();
    }

    @Override
    public void put(FullyQualifiedKey key, DbValue value) {
        deletedKeys.remove(key.getKeyBytes());
        transactionCache.put(key.getKeyBytes(), Bytes.fromDbValue(value));
    }

    @Override
    public byte[] get(FullyQualifiedKey key) {
        Bytes bytes = key.getKeyBytes();
        if (deletedKeys.contains(bytes)) {
            return null;
        }
        Bytes value = transactionCache.get(bytes);
        if (value == null) {
            synchronized (database) {
                value = database.get(bytes);
            }
        }
        return value == null ? null : value.toBytes();
    }

    @Override
    public void delete(FullyQualifiedKey key) {
        Bytes bytes = key.getKeyBytes();
        transactionCache.remove(bytes);
        deletedKeys.add(bytes);
    }

    @Override
    public boolean contains(FullyQualifiedKey key) {
        Bytes bytes = key.getKeyBytes();
        return !deletedKeys.contains(bytes) && (transactionCache.containsKey(bytes) || isCommitted(bytes));
    }

    @Override
    public InMemoryDbIterator newIterator() {
        return new InMemoryDbIterator(new Snapshot());
    }

    private boolean isCommitted(Bytes key) {
        synchronized (database) {
            return database.containsKey(key);
        }
    }

    /** The visible entries from {@code from} to the end of its column family (all of them if {@code from} is null), copied. */
    private TreeMap<Bytes, Bytes> copy(Bytes from) {
        TreeMap<Bytes, Bytes> copy = overlaid(from, from == null ? null : endOfColumnFamily(from.toBytes()));
        deletedKeys.forEach(copy::remove);
        return copy;
    }

    /**
     * The visible entries from {@code from} up to the last key that starts with {@code prefix}, copied (so the
     * visitor may change the state meanwhile): what {@link InMemoryDbColumnFamily} walks when it looks for the keys
     * with that prefix from that key on. Nothing after the prefix is copied: no key there can have it.
     */
    Set<Map.Entry<Bytes, Bytes>> range(Bytes from, byte[] prefix) {
        Bytes end = successor(prefix, prefix.length);
        if (end != null && from.compareTo(end) >= 0) {
            return Set.of();
        }
        var copy = overlaid(from, end);
        if (!deletedKeys.isEmpty()) {
            if (deletedKeys.size() < copy.size()) {
                deletedKeys.forEach(copy::remove);
            } else {
                copy.keySet().removeIf(deletedKeys::contains);
            }
        }
        return copy.entrySet();
    }

    /**
     * A copy of the committed entries overlaid with this transaction's writes (its deletes not applied yet), from
     * {@code from} up to {@code end}, exclusive ({@link #slice}).
     */
    private TreeMap<Bytes, Bytes> overlaid(Bytes from, Bytes end) {
        TreeMap<Bytes, Bytes> copy;
        synchronized (database) {
            copy = new TreeMap<>(slice(database, from, end));
        }
        copy.putAll(slice(transactionCache, from, end));
        return copy;
    }

    /** The entries from {@code from} (all if null) up to {@code end} (exclusive; to the end if null). */
    private static SortedMap<Bytes, Bytes> slice(TreeMap<Bytes, Bytes> map, Bytes from, Bytes end) {
        return from == null ? map : end == null ? map.tailMap(from, true) : map.subMap(from, true, end, false);
    }

    /** The smallest key after every key of {@code key}'s column family, or null if there is none. */
    static Bytes endOfColumnFamily(byte[] key) {
        return key.length < COLUMN_FAMILY_BYTES ? null : successor(key, COLUMN_FAMILY_BYTES);
    }

    /**
     * The smallest key after every key that starts with the first {@code length} bytes of {@code key} (bytes
     * compared unsigned, as {@link Bytes} does), or null if there is none (they are all 0xFF).
     */
    static Bytes successor(byte[] key, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (key[i] != (byte) 0xFF) {
                byte[] next = Arrays.copyOf(key, i + 1);
                next[i]++;
                return Bytes.fromByteArray(next);
            }
        }
        return null;
    }

    /**
     * What {@link InMemoryDbIterator} iterates: it seeks ({@code tailMap}) and then walks the entries. Seeking
     * copies that key's column family from the key on; walking without a seek copies everything.
     */
    private final class Snapshot extends TreeMap<Bytes, Bytes> {

        @Override
        public SortedMap<Bytes, Bytes> tailMap(Bytes from) {
            return copy(from);
        }

        @Override
        public Set<Map.Entry<Bytes, Bytes>> entrySet() {
            return copy(null).entrySet();
        }
    }
}

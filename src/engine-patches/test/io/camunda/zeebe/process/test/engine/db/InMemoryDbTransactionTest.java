package io.camunda.zeebe.process.test.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.db.impl.DbLong;
import io.camunda.zeebe.db.impl.DbString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** order-saga's transaction of the in-memory engine state: same visible entries, copies only the column family sought. */
class InMemoryDbTransactionTest {

    private enum Family { FIRST, SECOND, THIRD }

    private final TreeMap<Bytes, Bytes> database = new TreeMap<>();
    private InMemoryDbTransaction transaction;

    @BeforeEach
    void committedState() {
        transaction = new InMemoryDbTransaction(database);
        transaction.resetTransaction();
        for (Family family : Family.values()) {
            for (long id = 1; id <= 3; id++) {
                transaction.put(key(family, id), value(family + "-" + id));
            }
        }
        transaction.commit();
        transaction.resetTransaction();
    }

    @Test
    void readsSeeTheTransactionsOwnWritesAndDeletesAndRollbackForgetsThem() {
        transaction.put(key(Family.SECOND, 9), value("new"));
        transaction.delete(key(Family.SECOND, 1));

        assertThat(transaction.get(key(Family.SECOND, 9))).isNotNull();
        assertThat(transaction.contains(key(Family.SECOND, 9))).isTrue();
        assertThat(transaction.get(key(Family.SECOND, 1))).isNull();
        assertThat(transaction.contains(key(Family.SECOND, 1))).isFalse();
        assertThat(database).as("nothing is committed yet").hasSize(9);

        transaction.rollback();
        assertThat(transaction.get(key(Family.SECOND, 9))).isNull();
        assertThat(transaction.get(key(Family.SECOND, 1))).isNotNull();
    }

    @Test
    void commitWritesAndDeletes() {
        transaction.put(key(Family.THIRD, 7), value("seven"));
        transaction.delete(key(Family.FIRST, 2));
        transaction.commit();

        assertThat(database).hasSize(9).containsKey(key(Family.THIRD, 7).getKeyBytes()).doesNotContainKey(key(Family.FIRST, 2).getKeyBytes());
    }

    @Test
    void aSeekSeesTheRestOfItsColumnFamilyWithThisTransactionsChangesAndNothingElse() {
        transaction.put(key(Family.SECOND, 5), value("SECOND-5"));
        transaction.delete(key(Family.SECOND, 3));
        transaction.put(key(Family.THIRD, 8), value("eight"));

        assertThat(ids(transaction.newIterator().seek(bytes(key(Family.SECOND, 2)), bytes(key(Family.SECOND, 2)).length).iterate()))
                .containsExactly("SECOND-2", "SECOND-5");
        byte[] wholeFamily = key(Family.FIRST, 1).getKeyBytes().toBytes();
        assertThat(ids(transaction.newIterator().seek(wholeFamily, 8).iterate())).containsExactly("FIRST-1", "FIRST-2", "FIRST-3");
    }

    @Test
    void theIterationWorksOnACopySoTheVisitorMayChangeTheState() {
        byte[] family = key(Family.FIRST, 1).getKeyBytes().toBytes();
        Iterator<Map.Entry<Bytes, Bytes>> entries = transaction.newIterator().seek(family, 8).iterate();
        var seen = new ArrayList<String>();
        while (entries.hasNext()) {
            seen.add(id(entries.next()));
            transaction.delete(key(Family.FIRST, 3));
            transaction.put(key(Family.FIRST, 4), value("FIRST-4"));
        }
        assertThat(seen).containsExactly("FIRST-1", "FIRST-2", "FIRST-3");
        assertThat(ids(transaction.newIterator().seek(family, 8).iterate())).containsExactly("FIRST-1", "FIRST-2", "FIRST-4");
    }

    @Test
    void aRangeHoldsTheKeysWithThePrefixFromTheKeySoughtWithThisTransactionsChangesAndNothingAfter() {
        transaction.put(key(Family.SECOND, 5), value("SECOND-5"));
        transaction.delete(key(Family.SECOND, 1));
        transaction.put(key(Family.THIRD, 8), value("eight"));
        byte[] second = Arrays.copyOf(bytes(key(Family.SECOND, 1)), 8);

        assertThat(ids(transaction.range(Bytes.fromByteArray(second), second).iterator())).containsExactly("SECOND-2", "SECOND-3", "SECOND-5");
        assertThat(ids(transaction.range(key(Family.SECOND, 3).getKeyBytes(), second).iterator())).containsExactly("SECOND-3", "SECOND-5");
        byte[] secondTwo = bytes(key(Family.SECOND, 2));
        assertThat(ids(transaction.range(Bytes.fromByteArray(secondTwo), secondTwo).iterator())).as("a whole key as the prefix").containsExactly("SECOND-2");
        assertThat(transaction.range(key(Family.THIRD, 1).getKeyBytes(), second)).as("sought after the prefix").isEmpty();
    }

    @Test
    void aRangeIsACopySoTheVisitorMayChangeTheState() {
        byte[] first = Arrays.copyOf(bytes(key(Family.FIRST, 1)), 8);
        var seen = new ArrayList<String>();
        for (Map.Entry<Bytes, Bytes> entry : transaction.range(Bytes.fromByteArray(first), first)) {
            seen.add(id(entry));
            transaction.delete(key(Family.FIRST, 3));
            transaction.put(key(Family.FIRST, 4), value("FIRST-4"));
        }
        assertThat(seen).containsExactly("FIRST-1", "FIRST-2", "FIRST-3");
        assertThat(ids(transaction.range(Bytes.fromByteArray(first), first).iterator())).containsExactly("FIRST-1", "FIRST-2", "FIRST-4");
    }

    /**
     * The engine reads the state from a thread of its scheduled tasks (job back-offs and time-outs, timers) while its
     * processing thread commits. Each commit here adds one key to a family of three and deletes another.
     */
    @Test
    void aReaderOnAnotherThreadSeesEachCommitWholeOrNotAtAll() throws InterruptedException {
        byte[] second = Arrays.copyOf(bytes(key(Family.SECOND, 1)), 8);
        var stop = new AtomicBoolean();
        var writerFailure = new AtomicReference<Throwable>();
        var writer = new InMemoryDbTransaction(database);
        Thread writing = Thread.ofPlatform().start(() -> {
            try {
                for (long id = 4; !stop.get(); id++) {
                    writer.resetTransaction();
                    writer.put(key(Family.SECOND, id), value("SECOND-" + id));
                    writer.delete(key(Family.SECOND, id - 3));
                    writer.commit();
                }
            } catch (RuntimeException | Error e) {
                writerFailure.set(e);
            }
        });
        var reader = new InMemoryDbTransaction(database);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < until) {
                reader.resetTransaction();
                assertThat(reader.range(Bytes.fromByteArray(second), second)).as("the family between two commits").hasSize(3);
            }
        } finally {
            stop.set(true);
            writing.join();
        }
        assertThat(writerFailure.get()).isNull();
    }

    @Test
    void theSuccessorOfAPrefixIsTheSmallestKeyAfterAllItsKeys() {
        assertThat(InMemoryDbTransaction.successor(new byte[] {1, 2, 3}, 3).toBytes()).containsExactly(1, 2, 4);
        assertThat(InMemoryDbTransaction.successor(new byte[] {1, 2, (byte) 0xFF}, 3).toBytes()).containsExactly(1, 3);
        assertThat(InMemoryDbTransaction.successor(new byte[] {1, 2, 3, 4}, 2).toBytes()).as("only the first bytes count").containsExactly(1, 3);
        assertThat(InMemoryDbTransaction.successor(new byte[] {-1, -1}, 2)).as("nothing after 0xFF 0xFF").isNull();
        assertThat(InMemoryDbTransaction.successor(new byte[] {}, 0)).as("the empty prefix").isNull();
    }

    @Test
    void theEndOfAColumnFamilyIsTheNextOneEvenAcrossACarry() {
        assertThat(InMemoryDbTransaction.endOfColumnFamily(new byte[] {0, 0, 0, 0, 0, 0, 0, 5, 42}).toBytes())
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 6);
        assertThat(InMemoryDbTransaction.endOfColumnFamily(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 0xFF}).toBytes())
                .containsExactly(0, 0, 0, 0, 0, 0, 1);
        assertThat(InMemoryDbTransaction.endOfColumnFamily(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1})).as("no family after the last").isNull();
        assertThat(InMemoryDbTransaction.endOfColumnFamily(new byte[] {1, 2})).as("shorter than a family id").isNull();
    }

    private static FullyQualifiedKey key(Family family, long id) {
        var key = new DbLong();
        key.wrapLong(id);
        return new FullyQualifiedKey(family, key);
    }

    private static byte[] bytes(FullyQualifiedKey key) {
        return key.getKeyBytes().toBytes();
    }

    private static DbString value(String text) {
        var value = new DbString();
        value.wrapString(text);
        return value;
    }

    private static List<String> ids(Iterator<Map.Entry<Bytes, Bytes>> entries) {
        var ids = new ArrayList<String>();
        entries.forEachRemaining(entry -> ids.add(id(entry)));
        return ids;
    }

    private static String id(Map.Entry<Bytes, Bytes> entry) {
        var value = new DbString();
        byte[] bytes = entry.getValue().toBytes();
        value.wrap(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
        return value.toString();
    }
}

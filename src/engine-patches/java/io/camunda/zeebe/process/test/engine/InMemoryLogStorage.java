package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * order-saga's log of the in-memory test engine (takes the place of the class of the same name in
 * {@code zeebe-process-test-engine}; see src/engine-patches/README.md).
 *
 * <p>Same contract, except that a block is released once every open reader has read it. The original kept
 * every block it was ever given, so an engine left running grew by every record it wrote. Its readers are the
 * stream processor's, which reads each block once, in order, and seeks only when it starts (to the start of
 * the log: the state is in memory, there is no snapshot to replay from), and the record stream's, which
 * order-saga keeps reading (see {@code RecordStreamSourceImpl}). A reader that seeks to a released position
 * lands on the first block still held. Nothing is released while no reader is open, so that a log written
 * before its readers open keeps everything.
 */
final class InMemoryLogStorage implements LogStorage {

    /** The blocks still held, by the position of their first record (positions only grow). */
    private final ConcurrentSkipListMap<Long, ByteBuffer> blocks = new ConcurrentSkipListMap<>();
    private final Set<ListLogStorageReader> readers = ConcurrentHashMap.newKeySet();
    private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
    private final AtomicLong appended = new AtomicLong();

    @Override
    public LogStorageReader newReader() {
        var reader = new ListLogStorageReader();
        readers.add(reader);
        return reader;
    }

    @Override
    public void append(long lowestPosition, long highestPosition, BufferWriter bufferWriter, AppendListener listener) {
        var buffer = ByteBuffer.allocate(bufferWriter.getLength());
        bufferWriter.write(new UnsafeBuffer(buffer), 0);
        append(lowestPosition, highestPosition, buffer, listener);
    }

    @Override
    public void append(long lowestPosition, long highestPosition, ByteBuffer blockBuffer, AppendListener listener) {
        release();
        blocks.put(lowestPosition, blockBuffer);
        long index = appended.incrementAndGet();
        listener.onWrite(index, highestPosition);
        listener.onCommit(index, highestPosition);
        commitListeners.forEach(CommitListener::onCommit);
    }

    @Override
    public void addCommitListener(CommitListener listener) {
        commitListeners.add(listener);
    }

    @Override
    public void removeCommitListener(CommitListener listener) {
        commitListeners.remove(listener);
    }

    /** How many blocks are held. */
    int heldBlocks() {
        return blocks.size();
    }

    /** How many blocks were appended, held or not. */
    long appendedBlocks() {
        return appended.get();
    }

    /** Drops the blocks every open reader has read. */
    private void release() {
        long lowest = Long.MAX_VALUE;
        for (ListLogStorageReader reader : readers) {
            lowest = Math.min(lowest, reader.next);
        }
        if (lowest != Long.MAX_VALUE) {
            blocks.headMap(lowest).clear();
        }
    }

    private final class ListLogStorageReader implements LogStorageReader {

        /** The next block returned is the first held one from this position on. */
        private volatile long next = Long.MIN_VALUE;

        @Override
        public void seek(long position) {
            Long block = blocks.floorKey(position);
            next = block == null ? Long.MIN_VALUE : block;
        }

        @Override
        public boolean hasNext() {
            return blocks.ceilingKey(next) != null;
        }

        @Override
        public DirectBuffer next() {
            Map.Entry<Long, ByteBuffer> block = blocks.ceilingEntry(next);
            if (block == null) {
                throw new NoSuchElementException();
            }
            next = block.getKey() + 1;
            return new UnsafeBuffer(block.getValue());
        }

        @Override
        public void close() {
            readers.remove(this);
        }
    }
}

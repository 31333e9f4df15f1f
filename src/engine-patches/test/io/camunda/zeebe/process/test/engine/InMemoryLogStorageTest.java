package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.logstreams.storage.LogStorage.AppendListener;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** order-saga's log of the in-memory engine: the original's contract, and a block released once every open reader has read it. */
class InMemoryLogStorageTest {

    private final InMemoryLogStorage storage = new InMemoryLogStorage();

    @Test
    void aReaderReadsTheBlocksInOrderAndSeeksToTheBlockHoldingAPosition() {
        LogStorageReader reader = storage.newReader();
        appendBlocks();

        assertThat(readAll(reader)).containsExactly("1-2", "3-5", "6");
        assertThat(reader.hasNext()).isFalse();
        assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);

        reader.seek(4);
        assertThat(readAll(reader)).as("the block holding 4").containsExactly("3-5", "6");
        reader.seek(3);
        assertThat(readAll(reader)).containsExactly("3-5", "6");
        reader.seek(-1);
        assertThat(readAll(reader)).as("a negative position is the first").containsExactly("1-2", "3-5", "6");
        reader.seek(Long.MAX_VALUE);
        assertThat(readAll(reader)).as("beyond the end is the last block").containsExactly("6");
    }

    @Test
    void aBlockIsReleasedOnceEveryOpenReaderHasReadIt() {
        LogStorageReader processor = storage.newReader();
        LogStorageReader recordStream = storage.newReader();
        appendBlocks();

        readAll(processor);
        append(7, 7, "7");
        assertThat(storage.heldBlocks()).as("the record stream has read nothing").isEqualTo(4);

        recordStream.next();
        recordStream.next();
        append(8, 8, "8");
        assertThat(storage.heldBlocks()).as("both have read 1-2 and 3-5").isEqualTo(3);
        assertThat(readAll(recordStream)).containsExactly("6", "7", "8");
        assertThat(readAll(processor)).containsExactly("7", "8");

        recordStream.close();
        append(9, 9, "9");
        assertThat(storage.heldBlocks()).as("a closed reader holds nothing").isEqualTo(1);
        assertThat(readAll(processor)).containsExactly("9");
    }

    @Test
    void aReaderThatSeeksToAReleasedPositionLandsOnTheFirstBlockHeld() {
        LogStorageReader reader = storage.newReader();
        appendBlocks();
        readAll(reader);
        append(7, 8, "7-8");

        reader.seek(1);
        assertThat(readAll(reader)).containsExactly("7-8");
    }

    @Test
    void nothingIsReleasedWhileNoReaderIsOpen() {
        appendBlocks();
        append(7, 7, "7");

        assertThat(storage.heldBlocks()).isEqualTo(4);
        assertThat(readAll(storage.newReader())).containsExactly("1-2", "3-5", "6", "7");
    }

    @Test
    void anAppendIsWrittenAndCommittedAtOnceAndTheCommitListenersHearOfIt() {
        List<String> heard = new ArrayList<>();
        storage.addCommitListener(() -> heard.add("commit"));
        AppendListener listener = new AppendListener() {
            @Override
            public void onWrite(long index, long highestPosition) {
                heard.add("write " + index + " up to " + highestPosition);
            }

            @Override
            public void onCommit(long index, long highestPosition) {
                heard.add("commit " + index + " up to " + highestPosition);
            }
        };

        storage.append(1, 2, buffer("1-2"), listener);
        storage.append(3, 5, buffer("3-5"), listener);

        assertThat(heard).containsExactly("write 1 up to 2", "commit 1 up to 2", "commit", "write 2 up to 5", "commit 2 up to 5", "commit");
    }

    private void appendBlocks() {
        append(1, 2, "1-2");
        append(3, 5, "3-5");
        append(6, 6, "6");
    }

    private void append(long lowest, long highest, String content) {
        storage.append(lowest, highest, buffer(content), new AppendListener() {});
    }

    private static ByteBuffer buffer(String content) {
        return ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> readAll(LogStorageReader reader) {
        List<String> blocks = new ArrayList<>();
        while (reader.hasNext()) {
            var block = reader.next();
            blocks.add(block.getStringWithoutLengthUtf8(0, block.capacity()));
        }
        return blocks;
    }
}

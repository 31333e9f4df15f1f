package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.protocol.impl.record.CopiedRecord;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * order-saga's record stream of the in-memory test engine (takes the place of the class of the same name in
 * {@code zeebe-process-test-engine}; see src/engine-patches/README.md).
 *
 * <p>The original kept a copy of every record it read, for ever. The only records order-saga reads from the
 * engine are its incidents (where Operate would show them, {@code dev.ordersaga.embedded.EmbeddedEngine}), so
 * this one keeps the {@code CREATED} record of each incident not resolved yet, in the order they were created,
 * and nothing else: {@link #getRecords()} answers those. Reading it moves its reader on, which lets the log
 * release what it has read (see {@code InMemoryLogStorage}): the embedded default reads it every few hundred
 * milliseconds for that reason.
 */
final class RecordStreamSourceImpl implements RecordStreamSource {

    private final LogStreamReader logStreamReader;
    private final int partitionId;
    private final RecordMetadata metadata = new RecordMetadata();
    /** The {@code CREATED} record of each open incident, by incident key, oldest first. */
    private final Map<Long, Record<?>> openIncidents = new LinkedHashMap<>();

    RecordStreamSourceImpl(LogStreamReader logStreamReader, int partitionId) {
        this.logStreamReader = logStreamReader;
        this.partitionId = partitionId;
    }

    @Override
    public Iterable<Record<?>> getRecords() {
        synchronized (logStreamReader) {
            while (logStreamReader.hasNext()) {
                read(logStreamReader.next());
            }
            return List.copyOf(openIncidents.values());
        }
    }

    private void read(LoggedEvent event) {
        metadata.reset();
        event.readMetadata(metadata);
        if (metadata.getValueType() != ValueType.INCIDENT || metadata.getRecordType() != RecordType.EVENT) {
            return;
        }
        if (metadata.getIntent() == IncidentIntent.CREATED) {
            openIncidents.put(event.getKey(), copy(event));
        } else if (metadata.getIntent() == IncidentIntent.RESOLVED) {
            openIncidents.remove(event.getKey());
        }
    }

    private CopiedRecord<UnifiedRecordValue> copy(LoggedEvent event) {
        var recordMetadata = new RecordMetadata();
        event.readMetadata(recordMetadata);
        UnifiedRecordValue value = UnifiedRecordValue.allRecordsMap().get(recordMetadata.getValueType());
        event.readValue(value);
        return new CopiedRecord<>(value, recordMetadata, event.getKey(), partitionId, event.getPosition(), event.getSourceEventPosition(),
                event.getTimestamp());
    }
}

package dev.ordersaga.embedded;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * What tests may read from the embedded engine's record stream, where Operate would show it on a real
 * cluster: the incidents. The embedded engine's record stream keeps the records of open incidents only
 * (src/engine-patches/README.md).
 */
public final class EmbeddedEngine {

    private EmbeddedEngine() {}

    /** The key of the open incident raised for this job, if any. */
    public static Optional<Long> incidentOfJob(long jobKey) {
        var engine = EmbeddedInfrastructure.engine();
        if (engine == null) {
            throw new IllegalStateException("No embedded engine runs in this JVM");
        }
        var incidents = StreamSupport.stream(engine.getRecordStreamSource().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.INCIDENT)
                .map(r -> (Record<?>) r)
                .toList();
        return incidents.stream()
                .filter(r -> r.getIntent() == IncidentIntent.CREATED && ((IncidentRecordValue) r.getValue()).getJobKey() == jobKey)
                .map(Record::getKey)
                .filter(key -> incidents.stream().noneMatch(r -> r.getIntent() == IncidentIntent.RESOLVED && r.getKey() == key))
                .reduce((first, second) -> second);
    }
}

package dev.ordersaga.tracking.projection;

import dev.ordersaga.tracking.OrderDocument;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param groupId prefix of the projection's consumer group ({@link #projectionGroup()}); all instances share
 *     it, so each message is projected by one of them. Offsets are committed only after Elasticsearch accepted
 *     the writes. A new group id projects every retained message again (see docs/tracking.md)
 * @param concurrency projection consumer threads per instance
 * @param retryInitialInterval back-off before the first retry of a batch Elasticsearch did not accept
 * @param retryMaxInterval upper bound of that back-off, doubled per retry; batches are retried without
 *     limit, never skipped
 * @param conflictRetries how often a batch re-reads and re-merges the orders another writer changed
 *     concurrently before the whole batch is retried
 * @param batchWait how long the projection lets new messages gather before it writes them: while it keeps up,
 *     batches start this far apart (the consumer pauses after a batch that left nothing to read, and the broker
 *     holds a fetch this long, {@code fetch.max.wait.ms}); while it is behind, batches follow each other at once.
 *     Each batch costs Elasticsearch a bulk request (and a multi-get of the orders this instance did not write
 *     last) whatever its size, so fewer, larger batches cost far less; an order appears in the index up to
 *     about twice this much later
 * @param batchBytes how many bytes of new messages end the broker's wait early ({@code fetch.min.bytes})
 * @param batchRecords the most messages in one batch ({@code max.poll.records})
 * @param writtenOrders how many order documents an instance remembers as it wrote them, with their versions,
 *     so that the next batch of such an order needs no real-time read of it (which would make Elasticsearch
 *     refresh the index first); 0 reads every order before every write. An order's messages come within
 *     its few seconds of life, so the orders of the last seconds are what matters; each document holds the
 *     order's history, so the default (1,000) keeps this memory to a few MB
 */
@ConfigurationProperties("order-saga.tracking")
public record TrackingProperties(
        @DefaultValue("order-saga-projection") String groupId,
        @DefaultValue("1") int concurrency,
        @DefaultValue("500ms") Duration retryInitialInterval,
        @DefaultValue("10s") Duration retryMaxInterval,
        @DefaultValue("10") int conflictRetries,
        @DefaultValue("1s") Duration batchWait,
        @DefaultValue("1048576") int batchBytes,
        @DefaultValue("5000") int batchRecords,
        @DefaultValue("1000") int writtenOrders) {

    /** The consumer group of this document layout: a new layout builds its own index from the topics. */
    public String projectionGroup() {
        return groupId + "-" + OrderDocument.INDEX;
    }
}

package dev.ordersaga.tracking.projection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.tracking.OrderDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The projection's writer in Elasticsearch: writes a batch of messages (idempotently, with optimistic concurrency on
 * the order documents, one write per order the batch touches).
 */
@ConditionalOnSaga
@Component
public class OrderWriter {

    private static final Logger log = LoggerFactory.getLogger(OrderWriter.class);

    private final ElasticsearchClient client;
    private final OrderIndices indices;
    private final int conflictRetries;
    private final WrittenOrders written;

    public OrderWriter(ElasticsearchClient client, OrderIndices indices, TrackingProperties properties) {
        this.client = client;
        this.indices = indices;
        this.conflictRetries = properties.conflictRetries();
        this.written = new WrittenOrders(properties.writtenOrders());
    }

    /** The projection has read everything there is: the alias may move to this layout's index now. */
    void caughtUp() {
        if (indices.aliasHere()) {
            return;
        }
        try {
            indices.promote();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not move alias {} to {} yet ({}); trying again after the next batch", OrderDocument.ALIAS, OrderDocument.INDEX,
                    e.toString());
        }
    }

    /**
     * Writes a batch: each order the batch touches, merged with its messages (history included) from its
     * current document ({@link OrderMerge}) and written only if it is still that version ({@code if_seq_no}/{@code if_primary_term}). The current document
     * is the one this instance wrote last ({@link WrittenOrders}) or else read in real time; an order another
     * writer changed meanwhile is re-read and merged again.
     *
     * @throws IOException or a runtime exception if anything was not written: the caller must retry the batch
     */
    public void project(List<ProjectedMessage> messages) throws IOException {
        if (messages.isEmpty()) {
            return;
        }
        indices.ensureReady();
        try {
            write(messages);
        } catch (IOException | RuntimeException e) {
            indices.invalidate();
            written.clear();
            throw e;
        }
    }

    private void write(List<ProjectedMessage> messages) throws IOException {
        var byOrder = new LinkedHashMap<String, List<ProjectedMessage>>();
        for (ProjectedMessage message : messages) {
            byOrder.computeIfAbsent(message.orderId(), id -> new ArrayList<>()).add(message);
        }
        Set<String> pending = new LinkedHashSet<>(byOrder.keySet());
        for (int attempt = 0; ; attempt++) {
            Map<String, WrittenOrders.Versioned> current = current(pending);
            var operations = new ArrayList<BulkOperation>();
            var orderWrites = new HashMap<Integer, OrderWrite>();
            for (String orderId : pending) {
                WrittenOrders.Versioned was = current.get(orderId);
                OrderDocument next = OrderMerge.apply(was == null ? null : was.order(), orderId, byOrder.get(orderId));
                if (was != null && !OrderMerge.changes(was.order(), next)) {
                    written.put(orderId, was);
                    continue;
                }
                orderWrites.put(operations.size(), new OrderWrite(orderId, next));
                operations.add(was == null
                        ? BulkOperation.of(op -> op.create(c -> c.index(OrderDocument.INDEX).id(orderId).document(next)))
                        : BulkOperation.of(op -> op.index(i -> i.index(OrderDocument.INDEX).id(orderId).document(next)
                                .ifSeqNo(was.seqNo()).ifPrimaryTerm(was.primaryTerm()))));
            }
            if (operations.isEmpty()) {
                return;
            }
            BulkResponse response = client.bulk(b -> b.operations(operations));
            var conflicts = new LinkedHashSet<String>();
            var failures = new ArrayList<String>();
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                OrderWrite orderWrite = orderWrites.get(i);
                if (orderWrite != null) {
                    remember(orderWrite, item);
                }
                if (item.error() == null) {
                    continue;
                }
                if (item.status() == 409) {
                    conflicts.add(orderWrite.orderId());
                } else {
                    failures.add(item.index() + "/" + item.id() + ": " + item.status() + " " + item.error().type() + " " + item.error().reason());
                }
            }
            if (!failures.isEmpty()) {
                throw new ProjectionException("Elasticsearch refused " + failures.size() + " of " + items.size() + " writes, e.g. " + failures.get(0));
            }
            if (conflicts.isEmpty()) {
                return;
            }
            if (attempt >= conflictRetries) {
                throw new ProjectionException("Orders " + conflicts + " kept changing concurrently (" + (attempt + 1) + " attempts)");
            }
            log.debug("Orders {} changed concurrently; merging again", conflicts);
            pending = conflicts;
        }
    }

    /** An order document sent in a bulk request. */
    private record OrderWrite(String orderId, OrderDocument order) {}

    /** What this instance knows of a written order: the version it wrote, or nothing once the write was refused. */
    private void remember(OrderWrite write, BulkResponseItem item) {
        if (item.error() == null && item.seqNo() != null && item.primaryTerm() != null) {
            written.put(write.orderId(), new WrittenOrders.Versioned(write.order(), item.seqNo(), item.primaryTerm()));
        } else {
            written.forget(write.orderId());
        }
    }

    /** The current documents of these orders with their versions: as this instance wrote them, or else read (real-time). */
    private Map<String, WrittenOrders.Versioned> current(Set<String> orderIds) throws IOException {
        var current = new HashMap<String, WrittenOrders.Versioned>();
        var unknown = new ArrayList<String>();
        for (String orderId : orderIds) {
            written.get(orderId).ifPresentOrElse(order -> current.put(orderId, order), () -> unknown.add(orderId));
        }
        if (!unknown.isEmpty()) {
            current.putAll(load(unknown));
        }
        return current;
    }

    /** The current documents of these orders (real-time), with their versions. */
    private Map<String, WrittenOrders.Versioned> load(List<String> orderIds) throws IOException {
        MgetResponse<OrderDocument> response = client.mget(m -> m.index(OrderDocument.INDEX).ids(orderIds).realtime(true),
                OrderDocument.class);
        var current = new HashMap<String, WrittenOrders.Versioned>();
        for (MultiGetResponseItem<OrderDocument> item : response.docs()) {
            if (item.isFailure()) {
                throw new ProjectionException("Cannot read order " + item.failure().id() + ": " + item.failure().error().reason());
            }
            var result = item.result();
            if (result.found()) {
                current.put(result.id(), new WrittenOrders.Versioned(result.source(), result.seqNo(), result.primaryTerm()));
            }
        }
        return current;
    }

    /** Elasticsearch did not accept (all of) a batch; it is retried. */
    static class ProjectionException extends RuntimeException {
        ProjectionException(String message) {
            super(message);
        }
    }
}

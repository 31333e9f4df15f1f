package dev.ordersaga.tracking;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.order.OrderState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The projection in Elasticsearch: writes a batch of messages (idempotently, with optimistic concurrency on
 * the order documents, one write per order the batch touches) and answers the queries of the API.
 *
 * <p>A read of one order is real-time: the order document, history included, by id (GET); it does not wait
 * for a refresh, so an order is complete the moment its batch was written. Searches and statistics see the
 * index as of its last refresh (at most a second old).
 */
@ConditionalOnSaga
@Component
public class OrderStore {

    private static final Logger log = LoggerFactory.getLogger(OrderStore.class);
    private static final List<String> FINAL_STATES = Arrays.stream(OrderState.values()).filter(OrderState::isFinal).map(Enum::name).toList();

    private final ElasticsearchClient client;
    private final OrderIndices indices;
    private final TrackingProperties properties;
    private final WrittenOrders written;

    public OrderStore(ElasticsearchClient client, OrderIndices indices, TrackingProperties properties) {
        this.client = client;
        this.indices = indices;
        this.properties = properties;
        this.written = new WrittenOrders(properties.writtenOrders());
    }

    /**
     * Writes a batch: each order the batch touches, merged with its messages (history included) from its
     * current document ({@link OrderProjection}) and written only if it is still that version ({@code if_seq_no}/{@code if_primary_term}). The current document
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
                OrderDocument next = OrderProjection.apply(was == null ? null : was.order(), orderId, byOrder.get(orderId));
                if (was != null && !OrderProjection.changes(was.order(), next)) {
                    written.put(orderId, was);
                    continue;
                }
                orderWrites.put(operations.size(), new OrderWrite(orderId, next));
                operations.add(was == null
                        ? BulkOperation.of(op -> op.create(c -> c.index(OrderIndices.CURRENT).id(orderId).document(next)))
                        : BulkOperation.of(op -> op.index(i -> i.index(OrderIndices.CURRENT).id(orderId).document(next)
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
            if (attempt >= properties.conflictRetries()) {
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
        MgetResponse<OrderDocument> response = client.mget(m -> m.index(OrderIndices.CURRENT).ids(orderIds).realtime(true),
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

    /** One order with its history (a real-time read), or empty if it is not known. */
    public Optional<OrderView> find(String orderId, OperateLinks operate) throws IOException {
        GetResponse<OrderDocument> response;
        try {
            response = client.get(g -> g.index(OrderIndices.CURRENT).id(orderId).realtime(true), OrderDocument.class);
        } catch (ElasticsearchException e) {
            if (isIndexMissing(e)) {
                return Optional.empty();
            }
            throw e;
        }
        if (!response.found() || response.source() == null) {
            return Optional.empty();
        }
        OrderDocument order = response.source();
        return Optional.of(OrderView.of(order, order.history() == null ? List.of() : order.history(), operate));
    }

    /** A page of the orders matching the query's filters. */
    public OrderPage search(OrderQuery query, Instant now, OperateLinks operate) throws IOException {
        SearchResponse<OrderDocument> response;
        try {
            response = client.search(s -> s.index(OrderIndices.CURRENT)
                    .query(filters(query, now))
                    .from(query.page() * query.size())
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(true))
                    .sort(o -> o.field(f -> f.field(query.sortField()).order(query.ascending() ? SortOrder.Asc : SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("orderId").order(SortOrder.Asc)))
                    .source(src -> src.filter(f -> f.includes(OrderSummary.SOURCE_FIELDS))), OrderDocument.class);
        } catch (ElasticsearchException e) {
            if (isIndexMissing(e)) {
                return new OrderPage(0, query.page(), query.size(), List.of());
            }
            throw e;
        }
        long total = response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value();
        List<OrderSummary> orders = response.hits().hits().stream()
                .filter(hit -> hit.source() != null)
                .map(hit -> OrderSummary.of(hit.source(), operate))
                .toList();
        return new OrderPage(total, query.page(), query.size(), orders);
    }

    /**
     * How many orders are in each state; with {@code stuckFor}, only those whose last message is older than that
     * (the same filter as {@code GET /orders/stats?stuckFor=}). For the saga's metrics.
     */
    public OrderStats stats(Duration stuckFor, Instant now) throws IOException {
        var parameters = new LinkedMultiValueMap<String, String>();
        if (stuckFor != null) {
            parameters.add("stuckFor", stuckFor.toString());
        }
        return stats(OrderQuery.forStats(parameters), now);
    }

    /** How many orders matching the query's filters are in each state (terms aggregation). */
    public OrderStats stats(OrderQuery query, Instant now) throws IOException {
        var byState = new LinkedHashMap<String, Long>();
        Arrays.stream(OrderState.values()).forEach(state -> byState.put(state.name(), 0L));
        SearchResponse<Void> response;
        try {
            response = client.search(s -> s.index(OrderIndices.CURRENT)
                    .query(filters(query, now))
                    .size(0)
                    .trackTotalHits(t -> t.enabled(true))
                    .aggregations("byState", a -> a.terms(t -> t.field("state").size(50)))
                    .aggregations("withIncident", a -> a.filter(f -> f.exists(e -> e.field("incident.since")))), Void.class);
        } catch (ElasticsearchException e) {
            if (isIndexMissing(e)) {
                return new OrderStats(0, byState, 0, 0);
            }
            throw e;
        }
        long total = response.hits().total() == null ? 0 : response.hits().total().value();
        long withState = 0;
        for (StringTermsBucket bucket : response.aggregations().get("byState").sterms().buckets().array()) {
            byState.put(bucket.key().stringValue(), bucket.docCount());
            withState += bucket.docCount();
        }
        return new OrderStats(total, byState, total - withState, response.aggregations().get("withIncident").filter().docCount());
    }

    static Query filters(OrderQuery query, Instant now) {
        var filters = new ArrayList<Query>();
        var mustNot = new ArrayList<Query>();
        if (query.state() != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("state").value(query.state().name()))));
        }
        if (query.customerId() != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("customerId").value(query.customerId()))));
        }
        if (query.createdFrom() != null || query.createdTo() != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("createdAt");
                if (query.createdFrom() != null) {
                    d.gte(query.createdFrom().toString());
                }
                if (query.createdTo() != null) {
                    d.lt(query.createdTo().toString());
                }
                return d;
            }))));
        }
        Instant stuckBefore = query.stuckBefore(now);
        if (stuckBefore != null) {
            mustNot.add(Query.of(q -> q.terms(t -> t.field("state").terms(v -> v.value(FINAL_STATES.stream().map(FieldValue::of).toList())))));
            filters.add(Query.of(q -> q.range(r -> r.date(d -> d.field("updatedAt").lt(stuckBefore.toString())))));
        }
        if (filters.isEmpty() && mustNot.isEmpty()) {
            return Query.of(q -> q.matchAll(m -> m));
        }
        return Query.of(q -> q.bool(b -> b.filter(filters).mustNot(mustNot)));
    }

    private static boolean isIndexMissing(ElasticsearchException e) {
        return e.error() != null && "index_not_found_exception".equals(e.error().type());
    }

    /** Elasticsearch did not accept (all of) a batch; it is retried. */
    static class ProjectionException extends RuntimeException {
        ProjectionException(String message) {
            super(message);
        }
    }
}

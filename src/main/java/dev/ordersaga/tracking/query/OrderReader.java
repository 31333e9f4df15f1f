package dev.ordersaga.tracking.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.order.OrderState;
import dev.ordersaga.tracking.OrderDocument;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The queries of the API over the projection in Elasticsearch (the projection writes it).
 *
 * <p>A read of one order is real-time: the order document, history included, by id (GET); it does not wait
 * for a refresh, so an order is complete the moment its batch was written. Searches and statistics see the
 * index as of its last refresh (at most a second old).
 */
@ConditionalOnSaga
@Component
public class OrderReader {

    private static final List<String> FINAL_STATES = Arrays.stream(OrderState.values()).filter(OrderState::isFinal).map(Enum::name).toList();

    private final ElasticsearchClient client;
    private final OperateLinks operate;

    public OrderReader(ElasticsearchClient client, OperateLinks operate) {
        this.client = client;
        this.operate = operate;
    }

    /** One order with its history (a real-time read), or empty if it is not known. */
    public Optional<OrderView> find(String orderId) throws IOException {
        GetResponse<OrderDocument> response;
        try {
            response = client.get(g -> g.index(OrderDocument.INDEX).id(orderId).realtime(true), OrderDocument.class);
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
    public OrderPage search(OrderQuery query, Instant now) throws IOException {
        SearchResponse<OrderDocument> response;
        try {
            response = client.search(s -> s.index(OrderDocument.INDEX)
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
            response = client.search(s -> s.index(OrderDocument.INDEX)
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
}

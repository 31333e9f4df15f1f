package dev.ordersaga.web;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.ordersaga.ConditionalOnSaga;
import dev.ordersaga.tracking.OrderDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The heat map of a process: on every element, how many orders are there now, passed it, or failed there, counted by
 * Elasticsearch over all orders (terms aggregations on the order documents' {@code elements} and {@code failureReason}).
 * Tasks are counted directly; an event or gateway is passed by as many orders as left the elements before it (a task
 * that completed, a boundary event that fired).
 */
@ConditionalOnSaga
@Component
public class ProcessStatistics {

    /**
     * The heat map.
     *
     * @param total the orders counted (those whose history names a BPMN element)
     * @param elements the elements any order reached, with their counts
     */
    public record Statistics(String bpmnProcessId, long processDefinitionKey, long total, List<ElementCount> elements) {}

    /**
     * One element's counts.
     *
     * @param active orders there now
     * @param completed orders that passed it
     * @param failed orders whose step failed there (a business failure, or its deadline passed)
     */
    public record ElementCount(String elementId, long active, long completed, long failed) {}

    private static final int MAX_ELEMENTS = 1000;

    private final ElasticsearchClient client;

    public ProcessStatistics(ElasticsearchClient client) {
        this.client = client;
    }

    Statistics of(ProcessDefinitions.Definition definition, ProcessGraph graph) throws IOException {
        SearchResponse<Void> response;
        try {
            response = client.search(s -> s.index(OrderDocument.INDEX)
                    .size(0)
                    .query(q -> q.exists(e -> e.field("elements")))
                    .trackTotalHits(t -> t.enabled(true))
                    .aggregations("active", a -> a.terms(t -> t.field("elements.active").size(MAX_ELEMENTS)))
                    .aggregations("completed", a -> a.terms(t -> t.field("elements.completed").size(MAX_ELEMENTS)))
                    .aggregations("failed", a -> a.terms(t -> t.field("elements.failed").size(MAX_ELEMENTS)))
                    .aggregations("failedBy", a -> a.terms(t -> t.field("failureReason.elementId").size(MAX_ELEMENTS))
                            .aggregations("event", e -> e.terms(t -> t.field("failureReason.event").size(100)))), Void.class);
        } catch (ElasticsearchException e) {
            if (e.error() != null && "index_not_found_exception".equals(e.error().type())) {
                return new Statistics(definition.bpmnProcessId(), definition.processDefinitionKey(), 0, List.of());
            }
            throw e;
        }
        long total = response.hits().total() == null ? 0 : response.hits().total().value();
        var counts = new Counts(graph, total, terms(response.aggregations().get("active")), terms(response.aggregations().get("completed")),
                terms(response.aggregations().get("failed")), failedBy(response.aggregations().get("failedBy")));
        var elements = new ArrayList<ElementCount>();
        for (ProcessGraph.Node node : graph.nodes()) {
            var count = counts.of(node);
            if (count.active() + count.completed() + count.failed() > 0) {
                elements.add(count);
            }
        }
        return new Statistics(definition.bpmnProcessId(), definition.processDefinitionKey(), total, List.copyOf(elements));
    }

    private static Map<String, Long> terms(Aggregate aggregate) {
        var counts = new HashMap<String, Long>();
        for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
            counts.put(bucket.key().stringValue(), bucket.docCount());
        }
        return counts;
    }

    /** Element id → failure event → orders. */
    private static Map<String, Map<String, Long>> failedBy(Aggregate aggregate) {
        var counts = new HashMap<String, Map<String, Long>>();
        for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
            counts.put(bucket.key().stringValue(), terms(bucket.aggregations().get("event")));
        }
        return counts;
    }

    /** The counts of every element, from the tasks' counts along the sequence flows. */
    private record Counts(ProcessGraph graph, long total, Map<String, Long> active, Map<String, Long> completed, Map<String, Long> failed,
            Map<String, Map<String, Long>> failedBy) {

        ElementCount of(ProcessGraph.Node node) {
            if (node.kind() == ProcessGraph.Kind.TASK) {
                return new ElementCount(node.id(), active.getOrDefault(node.id(), 0L), completed.getOrDefault(node.id(), 0L),
                        failed.getOrDefault(node.id(), 0L));
            }
            return new ElementCount(node.id(), 0, passed(node, new HashSet<>()), 0);
        }

        /** Orders that left this element along its outgoing flows (or, for a job-less element, passed it). */
        private long passed(ProcessGraph.Node node, Set<String> seen) {
            if (!seen.add(node.id())) {
                return 0;
            }
            return switch (node.kind()) {
                case START -> total;
                case TASK -> completed.getOrDefault(node.id(), 0L);
                case BOUNDARY -> fired(node);
                default -> node.incoming().stream()
                        .map(graph::flow)
                        .mapToLong(flow -> passed(graph.node(flow.source()).orElseThrow(), seen))
                        .sum();
            };
        }

        private long fired(ProcessGraph.Node boundary) {
            Map<String, Long> events = failedBy.getOrDefault(boundary.attachedTo(), Map.of());
            return switch (boundary.trigger()) {
                case ERROR -> events.getOrDefault(boundary.errorCode(), 0L);
                case TIMER -> events.getOrDefault(OrderPath.TIMED_OUT, 0L);
                case COMPENSATION -> graph.handler(boundary.id())
                        .map(handler -> active.getOrDefault(handler, 0L) + completed.getOrDefault(handler, 0L)).orElse(0L);
                case OTHER -> 0L;
            };
        }
    }
}

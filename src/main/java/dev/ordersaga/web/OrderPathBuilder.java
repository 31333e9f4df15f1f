package dev.ordersaga.web;

import static dev.ordersaga.web.OrderPath.ACTIVE;
import static dev.ordersaga.web.OrderPath.COMPLETED;
import static dev.ordersaga.web.OrderPath.FAILED;
import static dev.ordersaga.web.OrderPath.TIMED_OUT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.tracking.EventOutcome;
import dev.ordersaga.tracking.HistoryEntry;
import dev.ordersaga.tracking.HistoryKind;
import dev.ordersaga.tracking.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Builds an {@link OrderPath} from an order's history, entry by entry, on the diagram of its process version. */
final class OrderPathBuilder {

    /** What the order did at one task: its command, and the outcome that settled it. */
    private static final class Visit {
        final String elementId;
        Instant enteredAt;
        Instant leftAt;
        String status = ACTIVE;
        String outcome;
        String commandId;
        boolean compensating;
        boolean compensated;
        String incident;

        Visit(String elementId) {
            this.elementId = elementId;
        }
    }

    private final ProcessGraph graph;
    private final SagaStepCatalog catalog;
    private final Map<String, Visit> visits = new LinkedHashMap<>();
    private final Map<String, String> elementOfCommand = new HashMap<>();
    private final Map<String, Instant> reached = new LinkedHashMap<>();
    private final Map<String, String> status = new HashMap<>();
    private final Set<String> flows = new LinkedHashSet<>();
    private final Map<String, Integer> compensationOrder = new HashMap<>();
    private Instant first;

    OrderPathBuilder(ProcessGraph graph, SagaStepCatalog catalog) {
        this.graph = graph;
        this.catalog = catalog;
    }

    void add(HistoryEntry entry) {
        if (first == null || entry.time().isBefore(first)) {
            first = entry.time();
        }
        if (entry.kind() == HistoryKind.COMMAND && graph.node(entry.elementId()).isPresent()) {
            elementOfCommand.put(entry.commandId(), entry.elementId());
            Visit visit = visits.computeIfAbsent(entry.elementId(), Visit::new);
            if (visit.enteredAt == null || entry.time().isBefore(visit.enteredAt)) {
                visit.enteredAt = entry.time();
            }
            visit.commandId = entry.commandId();
            visit.compensating = catalog.isCompensation(entry.type());
        } else if (entry.kind() == HistoryKind.EVENT) {
            String elementId = entry.elementId() != null ? entry.elementId() : elementOfCommand.get(entry.commandId());
            Visit visit = elementId == null ? null : visits.get(elementId);
            if (visit == null || visit.leftAt != null) {
                return;
            }
            // The projection classified the event for its step; a technical answer settles nothing (the step is retried).
            if (entry.outcome() == EventOutcome.SUCCESS) {
                settle(visit, COMPLETED, entry);
            } else if (entry.outcome() == EventOutcome.FAILURE) {
                settle(visit, FAILED, entry);
            }
        }
    }

    private static void settle(Visit visit, String status, HistoryEntry entry) {
        visit.status = status;
        visit.leftAt = entry.time();
        visit.outcome = entry.type();
    }

    /** A step that passed its deadline, and an open incident. */
    void settle(JsonNode failureReason, Incident incident) {
        if (failureReason != null && TIMED_OUT.equals(failureReason.path("event").asText())) {
            Visit visit = visits.get(failureReason.path("elementId").asText());
            if (visit != null && visit.leftAt == null) {
                visit.status = FAILED;
                visit.outcome = TIMED_OUT;
            }
        }
        if (incident != null) {
            String elementId = elementOfCommand.get(incident.commandId());
            if (elementId != null && ACTIVE.equals(visits.get(elementId).status)) {
                visits.get(elementId).incident = incident.message() == null ? "incident" : incident.message();
            }
        }
        int order = 0;
        List<Visit> compensations = visits.values().stream().filter(v -> v.compensating)
                .sorted(Comparator.comparing((Visit v) -> v.enteredAt)).toList();
        for (Visit compensation : compensations) {
            order++;
            compensationOrder.put(compensation.elementId, order);
            graph.compensatedBy(compensation.elementId).map(visits::get).ifPresent(undone -> {
                undone.compensated = true;
                if (undone.leftAt == null && TIMED_OUT.equals(undone.outcome)) {
                    undone.leftAt = compensation.enteredAt;
                }
            });
        }
    }

    OrderPath build(String orderId, HistoryEntry named, Instant now) {
        visits.values().forEach(v -> mark(v.elementId, v.status, v.enteredAt));
        var from = new ArrayDeque<String>();
        if (first != null) {
            graph.nodes().stream().filter(n -> n.kind() == ProcessGraph.Kind.START).forEach(start -> {
                mark(start.id(), COMPLETED, first);
                from.add(start.id());
            });
        }
        visits.values().stream().filter(v -> COMPLETED.equals(v.status)).forEach(v -> from.add(v.elementId));
        for (ProcessGraph.Node boundary : graph.nodes()) {
            if (boundary.kind() == ProcessGraph.Kind.BOUNDARY && fired(boundary)) {
                Visit task = boundary.trigger() == ProcessGraph.Trigger.COMPENSATION
                        ? graph.handler(boundary.id()).map(visits::get).orElse(null) : visits.get(boundary.attachedTo());
                mark(boundary.id(), COMPLETED, task == null ? null
                        : boundary.trigger() == ProcessGraph.Trigger.COMPENSATION ? task.enteredAt : task.leftAt);
                from.add(boundary.id());
            }
        }
        walk(from);
        var elements = new ArrayList<OrderPath.ElementState>();
        reached.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> elements.add(state(e.getKey(), now)));
        boolean finished = graph.nodes().stream().anyMatch(n -> n.kind() == ProcessGraph.Kind.END && COMPLETED.equals(status.get(n.id())));
        return new OrderPath(orderId, named == null ? null : named.bpmnProcessId(), named == null ? null : named.processDefinitionKey(),
                named == null ? null : named.processVersion(), finished, List.copyOf(elements), List.copyOf(flows));
    }

    /** Whether a boundary event fired: its task failed with its error code, passed its deadline, or was compensated. */
    private boolean fired(ProcessGraph.Node boundary) {
        Visit task = visits.get(boundary.attachedTo());
        return switch (boundary.trigger()) {
            case ERROR -> task != null && FAILED.equals(task.status) && Objects.equals(boundary.errorCode(), task.outcome);
            case TIMER -> task != null && TIMED_OUT.equals(task.outcome)
                    || boundary.outgoing().stream().map(graph::flow).anyMatch(flow -> visits.containsKey(flow.target()));
            case COMPENSATION -> graph.handler(boundary.id()).map(visits::containsKey).orElse(false);
            case OTHER -> false;
        };
    }

    /**
     * Along the sequence flows from what the order completed, through the elements that are not tasks (events,
     * gateways), up to the next task: the order passed them. A compensation throw event waits while the handler it
     * started runs.
     */
    private void walk(ArrayDeque<String> from) {
        var done = new LinkedHashSet<String>();
        while (!from.isEmpty()) {
            String id = from.poll();
            if (!done.add(id)) {
                continue;
            }
            for (String flowId : graph.node(id).orElseThrow().outgoing()) {
                ProcessGraph.Flow flow = graph.flow(flowId);
                ProcessGraph.Node target = graph.node(flow.target()).orElseThrow();
                if (target.kind() == ProcessGraph.Kind.TASK) {
                    if (visits.containsKey(target.id())) {
                        flows.add(flowId);
                    }
                    continue;
                }
                flows.add(flowId);
                Instant at = reached.get(id);
                if (target.kind() == ProcessGraph.Kind.COMPENSATION_THROW && handlerRuns(target.compensates())) {
                    mark(target.id(), ACTIVE, at);
                    continue;
                }
                mark(target.id(), COMPLETED, at);
                from.add(target.id());
            }
        }
    }

    /** Whether the compensation handler of this activity was started and has not completed. */
    private boolean handlerRuns(String activityId) {
        return graph.boundaries(activityId).stream()
                .filter(b -> b.trigger() == ProcessGraph.Trigger.COMPENSATION)
                .flatMap(b -> graph.handler(b.id()).stream())
                .map(visits::get)
                .anyMatch(handler -> handler != null && !COMPLETED.equals(handler.status));
    }

    private void mark(String id, String state, Instant at) {
        status.put(id, state);
        reached.merge(id, at == null ? Instant.MAX : at, (a, b) -> a.isBefore(b) ? a : b);
    }

    private OrderPath.ElementState state(String id, Instant now) {
        ProcessGraph.Node node = graph.node(id).orElseThrow();
        Visit visit = visits.get(id);
        if (visit == null) {
            return new OrderPath.ElementState(id, node.name(), status.get(id), null, null, null, null, null, null, null);
        }
        Instant end = visit.leftAt != null ? visit.leftAt : ACTIVE.equals(visit.status) ? now : null;
        Long duration = visit.enteredAt == null || end == null ? null : Duration.between(visit.enteredAt, end).toMillis();
        return new OrderPath.ElementState(id, node.name(), visit.status, visit.enteredAt, visit.leftAt, duration, visit.outcome,
                compensationOrder.get(id), visit.compensated ? Boolean.TRUE : null, visit.incident);
    }
}

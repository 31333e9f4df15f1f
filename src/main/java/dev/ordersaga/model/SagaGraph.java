package dev.ordersaga.model;

import io.camunda.zeebe.model.bpmn.instance.Association;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The structure of one process the saga rules reason over: its sequence flows (what comes after what, every path from
 * a boundary event), its boundary events and the compensation handlers associated with them.
 */
final class SagaGraph {

    static final int MAX_PATHS = 10000;

    private final Map<FlowElement, List<FlowElement>> successors = new HashMap<>();
    private final Map<FlowElement, List<BoundaryEvent>> boundariesOf = new HashMap<>();
    private final Map<BaseElement, List<BaseElement>> handlersOf = new HashMap<>();
    private final Map<FlowElement, Set<FlowElement>> after = new HashMap<>();

    SagaGraph(Process process, List<FlowElement> elements) {
        for (FlowElement element : elements) {
            if (element instanceof SequenceFlow flow && flow.getSource() != null && flow.getTarget() != null) {
                successors.computeIfAbsent(flow.getSource(), k -> new ArrayList<>()).add(flow.getTarget());
            }
            if (element instanceof BoundaryEvent boundary && boundary.getAttachedTo() != null) {
                boundariesOf.computeIfAbsent(boundary.getAttachedTo(), k -> new ArrayList<>()).add(boundary);
            }
        }
        for (var artifact : process.getArtifacts()) {
            if (artifact instanceof Association association && association.getSource() != null && association.getTarget() != null) {
                handlersOf.computeIfAbsent(association.getSource(), k -> new ArrayList<>()).add(association.getTarget());
            }
        }
    }

    /** The compensation handlers associated with a boundary event. */
    List<BaseElement> handlers(BaseElement boundary) {
        return handlersOf.getOrDefault(boundary, List.of());
    }

    Set<FlowElement> reach(Collection<FlowElement> from) {
        Set<FlowElement> seen = new LinkedHashSet<>();
        List<FlowElement> todo = new ArrayList<>(from);
        while (!todo.isEmpty()) {
            FlowElement node = todo.removeLast();
            for (FlowElement next : successors.getOrDefault(node, List.of())) {
                if (seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen;
    }

    /** Whether {@code b} comes after {@code a} along the sequence flows. */
    boolean later(FlowElement a, FlowElement b) {
        return after.computeIfAbsent(a, k -> reach(List.of(k))).contains(b);
    }

    /** Calls {@code visit} with every path from {@code boundary} to a node without outgoing flow; false when there were too many. */
    boolean pathsFrom(BoundaryEvent boundary, Consumer<List<FlowElement>> visit) {
        int[] count = {0};
        walk(boundary, List.of(boundary), visit, count);
        return count[0] < MAX_PATHS;
    }

    private void walk(FlowElement node, List<FlowElement> path, Consumer<List<FlowElement>> visit, int[] count) {
        List<FlowElement> nexts = successors.getOrDefault(node, List.of());
        if (nexts.isEmpty()) {
            count[0]++;
            visit.accept(path);
            return;
        }
        for (FlowElement next : nexts) {
            if (count[0] >= MAX_PATHS) {
                return;
            }
            if (!path.contains(next)) {
                List<FlowElement> longer = new ArrayList<>(path);
                longer.add(next);
                walk(next, longer, visit, count);
            }
        }
    }

    List<BoundaryEvent> boundaries(FlowElement element, Class<? extends EventDefinition> type) {
        return boundariesOf.getOrDefault(element, List.of()).stream().filter(b -> definitions(b, type).findAny().isPresent()).toList();
    }

    List<BoundaryEvent> compensationBoundaries(FlowElement element) {
        return boundaries(element, CompensateEventDefinition.class);
    }

    List<BoundaryEvent> failureBoundaries(FlowElement element) {
        return boundariesOf.getOrDefault(element, List.of()).stream()
                .filter(b -> b.cancelActivity()
                        && (definitions(b, ErrorEventDefinition.class).findAny().isPresent()
                                || definitions(b, TimerEventDefinition.class).findAny().isPresent()))
                .toList();
    }

    static <T extends EventDefinition> Stream<T> definitions(FlowElement event, Class<T> type) {
        Collection<EventDefinition> all = switch (event) {
            case CatchEvent catchEvent -> catchEvent.getEventDefinitions();
            case ThrowEvent throwEvent -> throwEvent.getEventDefinitions();
            default -> List.of();
        };
        return all.stream().filter(type::isInstance).map(type::cast);
    }
}

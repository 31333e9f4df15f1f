package dev.ordersaga.model;

import static dev.ordersaga.model.SagaElements.PIVOT;
import static dev.ordersaga.model.SagaElements.ROLE_HEADER;
import static dev.ordersaga.model.SagaElements.header;
import static dev.ordersaga.model.SagaElements.isForCompensation;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What every saga rule knows of one process (the plugin's shared analysis): its graph, the nodes reached from a start
 * (the happy path), the saga tasks and the forward steps among them, the pivot, where failure paths start; and the
 * findings the rules report, in the order they report them.
 */
final class SagaProcess {

    /** A failure path's start: an interrupting error or timer boundary event of a forward step. */
    record FailureStart(FlowElement step, BoundaryEvent boundary) {}

    private final Process process;
    private final SagaGraph graph;
    private final Set<SagaFinding> findings = new LinkedHashSet<>();
    private final Set<FlowElement> happy;
    private final List<FlowElement> sagaTasks;
    private final List<FlowElement> forward;
    private final List<FlowElement> pivots;
    private final FlowElement pivot;
    private final List<FailureStart> failureStarts = new ArrayList<>();

    SagaProcess(Process process) {
        this.process = process;
        List<FlowElement> elements = List.copyOf(process.getFlowElements());
        this.graph = new SagaGraph(process, elements);
        List<FlowElement> starts = elements.stream().filter(StartEvent.class::isInstance).toList();
        happy = new LinkedHashSet<>(starts);
        happy.addAll(graph.reach(starts));
        sagaTasks = elements.stream().filter(SagaElements::isSagaTask).toList();
        forward = sagaTasks.stream().filter(t -> happy.contains(t) && !isForCompensation(t)).toList();
        pivots = forward.stream().filter(t -> PIVOT.equals(header(t, ROLE_HEADER))).toList();
        pivot = pivots.size() == 1 ? pivots.getFirst() : null;
        for (FlowElement step : forward.stream().filter(step -> !afterPivot(step)).toList()) {
            graph.failureBoundaries(step).forEach(boundary -> failureStarts.add(new FailureStart(step, boundary)));
        }
    }

    Process process() {
        return process;
    }

    SagaGraph graph() {
        return graph;
    }

    Set<FlowElement> happy() {
        return happy;
    }

    List<FlowElement> sagaTasks() {
        return sagaTasks;
    }

    List<FlowElement> forward() {
        return forward;
    }

    List<FlowElement> pivots() {
        return pivots;
    }

    /** The one marked pivot, or null when none or several are marked. */
    FlowElement pivot() {
        return pivot;
    }

    List<FailureStart> failureStarts() {
        return failureStarts;
    }

    boolean afterPivot(FlowElement step) {
        return pivot != null && step != pivot && graph.later(pivot, step);
    }

    boolean beforePivot(FlowElement step) {
        return step != pivot && !afterPivot(step);
    }

    void report(SagaRule rule, BaseElement element, String message) {
        findings.add(new SagaFinding(rule, element.getId(), message));
    }

    List<SagaFinding> findings() {
        return List.copyOf(findings);
    }
}

package dev.ordersaga.model;

import static dev.ordersaga.model.SagaElements.header;
import static dev.ordersaga.model.SagaElements.isSagaTask;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule {@code reverse-compensation}: on every failure path, every step completed before the failing one is
 * compensated, in the reverse order of the forward steps, one throw event per step.
 */
final class ReverseCompensation {

    /** What a node compensates: a step, every step (a throw without activityRef), or nothing. */
    private sealed interface Compensates {
        record Step(FlowElement step) implements Compensates {}

        record All() implements Compensates {}
    }

    private record Entry(FlowElement step, FlowElement node, boolean all) {}

    private ReverseCompensation() {}

    static void check(SagaProcess p) {
        List<FlowElement> compensatable = p.forward().stream()
                .filter(s -> p.graph().compensationBoundaries(s).stream().anyMatch(b -> !p.graph().handlers(b).isEmpty()))
                .toList();
        Map<String, FlowElement> compensatedBy = new LinkedHashMap<>();
        for (FlowElement step : compensatable) {
            for (BoundaryEvent boundary : p.graph().compensationBoundaries(step)) {
                for (BaseElement handler : p.graph().handlers(boundary)) {
                    String command = header(handler, "commandType");
                    if (!command.isEmpty()) {
                        compensatedBy.putIfAbsent(command, step);
                    }
                }
            }
        }
        for (SagaProcess.FailureStart start : p.failureStarts()) {
            FlowElement step = start.step();
            List<FlowElement> required = compensatable.stream().filter(c -> c != step && p.graph().later(c, step)).toList();
            Set<FlowElement> relevant = new HashSet<>(required);
            relevant.add(step);
            boolean complete = p.graph().pathsFrom(start.boundary(), path -> {
                List<Entry> sequence = new ArrayList<>();
                for (FlowElement node : path) {
                    Compensates what = compensates(p, node, compensatedBy);
                    if (what instanceof Compensates.All) {
                        if (required.size() > 1) {
                            p.report(SagaRule.REVERSE_COMPENSATION, node, "throws every compensation at once: Zeebe runs the handlers together, "
                                    + "not in reverse order; throw one compensation event per step (activityRef)");
                        }
                        required.forEach(c -> sequence.add(new Entry(c, node, true)));
                    } else if (what instanceof Compensates.Step(FlowElement compensated) && relevant.contains(compensated)) {
                        sequence.add(new Entry(compensated, node, false));
                    }
                }
                for (FlowElement missing : required) {
                    if (sequence.stream().noneMatch(entry -> entry.step() == missing)) {
                        p.report(SagaRule.REVERSE_COMPENSATION, start.boundary(), "a failure path from here does not compensate " + missing.getId()
                                + ", which completed before " + step.getId());
                    }
                }
                for (int i = 0; i < sequence.size(); i++) {
                    for (int j = i + 1; j < sequence.size(); j++) {
                        Entry first = sequence.get(i);
                        Entry second = sequence.get(j);
                        if (!first.all() && first.step() != second.step() && p.graph().later(first.step(), second.step())) {
                            p.report(SagaRule.REVERSE_COMPENSATION, first.node(), "compensates " + first.step().getId() + " before "
                                    + second.step().getId() + ", which ran after it: compensate in reverse order of the forward steps");
                        }
                    }
                }
            });
            if (!complete) {
                p.report(SagaRule.REVERSE_COMPENSATION, start.boundary(), "more than " + SagaGraph.MAX_PATHS
                        + " failure paths start here; simplify the model so that they can be checked");
            }
        }
    }

    private static Compensates compensates(SagaProcess p, FlowElement node, Map<String, FlowElement> compensatedBy) {
        if (node instanceof IntermediateThrowEvent || node instanceof EndEvent) {
            var definition = SagaGraph.definitions(node, CompensateEventDefinition.class).findFirst();
            if (definition.isPresent()) {
                Activity activity = definition.get().getActivity();
                return activity == null ? new Compensates.All() : new Compensates.Step(activity);
            }
        }
        if (isSagaTask(node) && !p.forward().contains(node)) {
            FlowElement step = compensatedBy.get(header(node, "commandType"));
            return step == null ? null : new Compensates.Step(step);
        }
        return null;
    }
}

package dev.ordersaga.model;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.Association;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BpmnModelElementInstance;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The saga rules over one BPMN model: the Java twin of {@code tools/bpmnlint-plugin-order-saga/lib/saga.js},
 * ported statement by statement so that both report the same findings in the same order (the shared
 * cases in that plugin's {@code test/fixtures/cases.json} are checked against both). Change both together.
 * Like the plugin, it looks at the flow elements of each process (not into sub-processes) and reasons over
 * structure (sequence flows, boundary events, compensation associations, task headers, templates), never
 * over ids or names.
 */
public final class SagaRules {

    static final String JOB_TYPE = "saga-step";
    static final String STEP_TEMPLATE = "dev.ordersaga.saga-step";
    static final String COMPENSATION_TEMPLATE = "dev.ordersaga.saga-compensation";
    static final String ROLE_HEADER = "sagaRole";
    static final String PIVOT = "pivot";
    static final String READ_ONLY = "read-only";
    private static final List<String> BRIDGE_HEADERS = List.of("commandType", "commandTopic", "eventTopic", "successEvents");
    private static final String ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0";
    private static final int MAX_PATHS = 10000;

    private SagaRules() {}

    /** Every finding of every rule, per process in document order. */
    public static List<SagaFinding> check(BpmnModelInstance model) {
        return model.getModelElementsByType(Process.class).stream().flatMap(process -> new Analysis(process).run().stream()).toList();
    }

    /** What a node compensates: a step, every step (a throw without activityRef), or nothing. */
    private sealed interface Compensates {
        record Step(FlowElement step) implements Compensates {}

        record All() implements Compensates {}
    }

    private record Entry(FlowElement step, FlowElement node, boolean all) {}

    private record FailureStart(FlowElement step, BoundaryEvent boundary) {}

    private static final class Analysis {

        private final Process process;
        private final List<FlowElement> elements;
        private final Map<FlowElement, List<FlowElement>> successors = new HashMap<>();
        private final Map<FlowElement, List<BoundaryEvent>> boundariesOf = new HashMap<>();
        private final Map<BaseElement, List<BaseElement>> handlersOf = new HashMap<>();
        private final Map<FlowElement, Set<FlowElement>> after = new HashMap<>();
        private final Set<SagaFinding> findings = new LinkedHashSet<>();

        Analysis(Process process) {
            this.process = process;
            this.elements = List.copyOf(process.getFlowElements());
        }

        List<SagaFinding> run() {
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
            List<FlowElement> starts = elements.stream().filter(StartEvent.class::isInstance).toList();
            Set<FlowElement> happy = new LinkedHashSet<>(starts);
            happy.addAll(reach(starts));
            List<FlowElement> sagaTasks = elements.stream().filter(Analysis::isSagaTask).toList();
            List<FlowElement> forward = sagaTasks.stream().filter(t -> happy.contains(t) && !isForCompensation(t)).toList();

            List<FlowElement> pivots = forward.stream().filter(t -> PIVOT.equals(header(t, ROLE_HEADER))).toList();
            FlowElement pivot = pivots.size() == 1 ? pivots.getFirst() : null;
            Predicate<FlowElement> afterPivot = step -> pivot != null && step != pivot && later(pivot, step);
            Predicate<FlowElement> beforePivot = step -> step != pivot && !afterPivot.test(step);

            // 1. compensated-steps
            for (FlowElement step : forward.stream().filter(beforePivot).toList()) {
                if (READ_ONLY.equals(header(step, ROLE_HEADER))) {
                    continue;
                }
                List<BoundaryEvent> compensations = compensationBoundaries(step);
                if (compensations.isEmpty()) {
                    report(SagaRule.COMPENSATED_STEPS, step, "forward step that is not after the pivot has no compensation boundary event: "
                            + "a later failure cannot undo it (mark it " + ROLE_HEADER + "=" + READ_ONLY + " if it changes nothing)");
                }
                for (BoundaryEvent boundary : compensations) {
                    List<BaseElement> handlers = handlersOf.getOrDefault(boundary, List.of());
                    if (handlers.isEmpty()) {
                        report(SagaRule.COMPENSATED_STEPS, boundary, "compensation boundary event has no compensation handler (an association to a task)");
                    }
                    for (BaseElement handler : handlers) {
                        if (!isSagaTask(handler) || header(handler, "commandType").isEmpty()) {
                            report(SagaRule.COMPENSATED_STEPS, handler,
                                    "compensation handler sends no compensating command (a " + JOB_TYPE + " task with a commandType header)");
                        }
                    }
                }
            }

            // 2. reverse-compensation
            List<FlowElement> compensatable = forward.stream()
                    .filter(s -> compensationBoundaries(s).stream().anyMatch(b -> !handlersOf.getOrDefault(b, List.of()).isEmpty()))
                    .toList();
            Map<String, FlowElement> compensatedBy = new LinkedHashMap<>();
            for (FlowElement step : compensatable) {
                for (BoundaryEvent boundary : compensationBoundaries(step)) {
                    for (BaseElement handler : handlersOf.getOrDefault(boundary, List.of())) {
                        String command = header(handler, "commandType");
                        if (!command.isEmpty()) {
                            compensatedBy.putIfAbsent(command, step);
                        }
                    }
                }
            }
            List<FailureStart> failureStarts = new ArrayList<>();
            for (FlowElement step : forward.stream().filter(afterPivot.negate()).toList()) {
                failureBoundaries(step).forEach(boundary -> failureStarts.add(new FailureStart(step, boundary)));
            }
            for (FailureStart start : failureStarts) {
                FlowElement step = start.step();
                List<FlowElement> required = compensatable.stream().filter(c -> c != step && later(c, step)).toList();
                Set<FlowElement> relevant = new HashSet<>(required);
                relevant.add(step);
                boolean complete = pathsFrom(start.boundary(), path -> {
                    List<Entry> sequence = new ArrayList<>();
                    for (FlowElement node : path) {
                        Compensates what = compensates(node, forward, compensatedBy);
                        if (what instanceof Compensates.All) {
                            if (required.size() > 1) {
                                report(SagaRule.REVERSE_COMPENSATION, node, "throws every compensation at once: Zeebe runs the handlers together, "
                                        + "not in reverse order; throw one compensation event per step (activityRef)");
                            }
                            required.forEach(c -> sequence.add(new Entry(c, node, true)));
                        } else if (what instanceof Compensates.Step(FlowElement compensated) && relevant.contains(compensated)) {
                            sequence.add(new Entry(compensated, node, false));
                        }
                    }
                    for (FlowElement missing : required) {
                        if (sequence.stream().noneMatch(entry -> entry.step() == missing)) {
                            report(SagaRule.REVERSE_COMPENSATION, start.boundary(), "a failure path from here does not compensate " + missing.getId()
                                    + ", which completed before " + step.getId());
                        }
                    }
                    for (int i = 0; i < sequence.size(); i++) {
                        for (int j = i + 1; j < sequence.size(); j++) {
                            Entry first = sequence.get(i);
                            Entry second = sequence.get(j);
                            if (!first.all() && first.step() != second.step() && later(first.step(), second.step())) {
                                report(SagaRule.REVERSE_COMPENSATION, first.node(), "compensates " + first.step().getId() + " before "
                                        + second.step().getId() + ", which ran after it: compensate in reverse order of the forward steps");
                            }
                        }
                    }
                });
                if (!complete) {
                    report(SagaRule.REVERSE_COMPENSATION, start.boundary(), "more than " + MAX_PATHS
                            + " failure paths start here; simplify the model so that they can be checked");
                }
            }

            // 3. marked-pivot
            if (!forward.isEmpty() && pivots.isEmpty()) {
                report(SagaRule.MARKED_PIVOT, process, "no forward step is marked as the pivot (task header " + ROLE_HEADER + "=" + PIVOT
                        + "): the step after which nothing is compensated must be marked");
            }
            for (FlowElement task : sagaTasks) {
                if (PIVOT.equals(header(task, ROLE_HEADER)) && !forward.contains(task)) {
                    report(SagaRule.MARKED_PIVOT, task, "is marked as the pivot but is not a forward step of the saga");
                }
            }
            for (FlowElement extra : pivots.stream().skip(1).toList()) {
                report(SagaRule.MARKED_PIVOT, extra, "is marked as the pivot, but " + pivots.getFirst().getId() + " is marked too: a saga has one pivot");
            }
            if (pivot != null) {
                for (FlowElement step : forward.stream().filter(afterPivot).toList()) {
                    if (!compensationBoundaries(step).isEmpty()) {
                        report(SagaRule.MARKED_PIVOT, step, "comes after the pivot " + pivot.getId()
                                + " but has a compensation boundary event: steps after the pivot are retried, never rolled back");
                    }
                    List<String> failures = list(header(step, "failureEvents"));
                    if (!failures.isEmpty()) {
                        report(SagaRule.MARKED_PIVOT, step, "comes after the pivot " + pivot.getId() + " but declares failure events ("
                                + String.join(", ", failures) + "): steps after the pivot are retried, never rolled back");
                    }
                }
            }

            // 4. deadlines-and-failures
            for (FlowElement step : forward.stream().filter(afterPivot.negate()).toList()) {
                boolean deadline = boundaries(step, TimerEventDefinition.class).stream().anyMatch(BoundaryEvent::cancelActivity);
                if (!deadline) {
                    report(SagaRule.DEADLINES_AND_FAILURES, step, "forward step has no deadline: attach an interrupting timer boundary event");
                }
            }
            for (FlowElement task : sagaTasks) {
                List<String> caught = boundaries(task, ErrorEventDefinition.class).stream()
                        .flatMap(b -> definitions(b, ErrorEventDefinition.class))
                        .map(d -> d.getError() == null ? null : d.getError().getErrorCode())
                        .filter(code -> code != null && !code.isEmpty())
                        .toList();
                for (String code : list(header(task, "failureEvents"))) {
                    if (!caught.contains(code)) {
                        report(SagaRule.DEADLINES_AND_FAILURES, task, "declares failure event " + code + ", but no error boundary event catches error code "
                                + code + ": it would raise an incident");
                    }
                }
            }
            for (FailureStart start : failureStarts) {
                pathsFrom(start.boundary(), path -> {
                    FlowElement end = path.getLast();
                    if (!(end instanceof EndEvent) || happy.contains(end)) {
                        report(SagaRule.DEADLINES_AND_FAILURES, start.boundary(), "a failure path from here ends in " + end.getId()
                                + ", not in a failed end (an end event the saga reaches only after a failure)");
                    }
                });
            }

            // 5. bridge-task
            for (FlowElement task : sagaTasks) {
                List<String> missing = BRIDGE_HEADERS.stream().filter(key -> header(task, key).isEmpty()).toList();
                String jobType = jobType(task);
                if (!JOB_TYPE.equals(jobType)) {
                    report(SagaRule.BRIDGE_TASK, task, "uses a saga template but its job type is " + (isBlank(jobType) ? "not set" : jobType) + ", not "
                            + JOB_TYPE + ": the bridge would never send its command");
                }
                if (!missing.isEmpty()) {
                    report(SagaRule.BRIDGE_TASK, task, "lacks the task header(s) the bridge needs: " + String.join(", ", missing));
                }
                List<String> expected = isForCompensation(task) ? List.of(COMPENSATION_TEMPLATE)
                        : forward.contains(task) ? List.of(STEP_TEMPLATE) : List.of(STEP_TEMPLATE, COMPENSATION_TEMPLATE);
                String template = template(task);
                if (template == null || !expected.contains(template)) {
                    report(SagaRule.BRIDGE_TASK, task, "does not use the project's element template " + String.join(" or ", expected) + " (it uses "
                            + (isBlank(template) ? "none" : template) + ")");
                }
                String role = header(task, ROLE_HEADER);
                if (!role.isEmpty() && !role.equals(PIVOT) && !role.equals(READ_ONLY)) {
                    report(SagaRule.BRIDGE_TASK, task, "has " + ROLE_HEADER + "=" + role + "; allowed are " + PIVOT + " and " + READ_ONLY);
                }
            }
            return List.copyOf(findings);
        }

        private void report(SagaRule rule, BaseElement element, String message) {
            findings.add(new SagaFinding(rule, element.getId(), message));
        }

        private Set<FlowElement> reach(Collection<FlowElement> from) {
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
        private boolean later(FlowElement a, FlowElement b) {
            return after.computeIfAbsent(a, k -> reach(List.of(k))).contains(b);
        }

        /** Calls {@code visit} with every path from {@code boundary} to a node without outgoing flow; false when there were too many. */
        private boolean pathsFrom(BoundaryEvent boundary, Consumer<List<FlowElement>> visit) {
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

        private Compensates compensates(FlowElement node, List<FlowElement> forward, Map<String, FlowElement> compensatedBy) {
            if (node instanceof IntermediateThrowEvent || node instanceof EndEvent) {
                var definition = definitions(node, CompensateEventDefinition.class).findFirst();
                if (definition.isPresent()) {
                    Activity activity = definition.get().getActivity();
                    return activity == null ? new Compensates.All() : new Compensates.Step(activity);
                }
            }
            if (isSagaTask(node) && !forward.contains(node)) {
                FlowElement step = compensatedBy.get(header(node, "commandType"));
                return step == null ? null : new Compensates.Step(step);
            }
            return null;
        }

        private List<BoundaryEvent> boundaries(FlowElement element, Class<? extends EventDefinition> type) {
            return boundariesOf.getOrDefault(element, List.of()).stream().filter(b -> definitions(b, type).findAny().isPresent()).toList();
        }

        private List<BoundaryEvent> compensationBoundaries(FlowElement element) {
            return boundaries(element, CompensateEventDefinition.class);
        }

        private List<BoundaryEvent> failureBoundaries(FlowElement element) {
            return boundariesOf.getOrDefault(element, List.of()).stream()
                    .filter(b -> b.cancelActivity()
                            && (definitions(b, ErrorEventDefinition.class).findAny().isPresent()
                                    || definitions(b, TimerEventDefinition.class).findAny().isPresent()))
                    .toList();
        }

        private static <T extends EventDefinition> Stream<T> definitions(FlowElement event, Class<T> type) {
            Collection<EventDefinition> all = switch (event) {
                case CatchEvent catchEvent -> catchEvent.getEventDefinitions();
                case ThrowEvent throwEvent -> throwEvent.getEventDefinitions();
                default -> List.of();
            };
            return all.stream().filter(type::isInstance).map(type::cast);
        }

        private static boolean isSagaTask(BaseElement element) {
            return JOB_TYPE.equals(jobType(element)) || STEP_TEMPLATE.equals(template(element)) || COMPENSATION_TEMPLATE.equals(template(element));
        }

        private static boolean isForCompensation(BaseElement element) {
            return element instanceof Activity activity && activity.isForCompensation();
        }

        private static String template(BaseElement element) {
            return element.getAttributeValueNs(ZEEBE_NS, "modelerTemplate");
        }

        private static <T extends BpmnModelElementInstance> List<T> extensions(BaseElement element, Class<T> type) {
            if (element.getExtensionElements() == null) {
                return List.of();
            }
            return element.getExtensionElements().getElementsQuery().filterByType(type).list();
        }

        private static String jobType(BaseElement element) {
            return extensions(element, ZeebeTaskDefinition.class).stream().findFirst().map(ZeebeTaskDefinition::getType).orElse(null);
        }

        /** The header's value, stripped; empty when the element has no such header. */
        private static String header(BaseElement element, String key) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (ZeebeTaskHeaders container : extensions(element, ZeebeTaskHeaders.class)) {
                for (ZeebeHeader header : container.getHeaders()) {
                    if (header.getKey() != null) {
                        headers.putIfAbsent(header.getKey(), Objects.requireNonNullElse(header.getValue(), ""));
                    }
                }
            }
            return headers.getOrDefault(key, "").strip();
        }

        private static List<String> list(String commaSeparated) {
            return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        private static boolean isBlank(String value) {
            return value == null || value.isEmpty();
        }
    }
}

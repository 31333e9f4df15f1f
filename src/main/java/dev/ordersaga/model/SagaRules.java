package dev.ordersaga.model;

import static dev.ordersaga.model.SagaElements.COMPENSATION_TEMPLATE;
import static dev.ordersaga.model.SagaElements.JOB_TYPE;
import static dev.ordersaga.model.SagaElements.PIVOT;
import static dev.ordersaga.model.SagaElements.READ_ONLY;
import static dev.ordersaga.model.SagaElements.ROLE_HEADER;
import static dev.ordersaga.model.SagaElements.STEP_TEMPLATE;
import static dev.ordersaga.model.SagaElements.header;
import static dev.ordersaga.model.SagaElements.isBlank;
import static dev.ordersaga.model.SagaElements.isForCompensation;
import static dev.ordersaga.model.SagaElements.isSagaTask;
import static dev.ordersaga.model.SagaElements.jobType;
import static dev.ordersaga.model.SagaElements.list;
import static dev.ordersaga.model.SagaElements.template;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import java.util.List;

/**
 * The saga rules over one BPMN model: the Java twin of {@code tools/bpmnlint-plugin-order-saga/lib/saga.js},
 * ported statement by statement so that both report the same findings in the same order (the shared
 * cases in that plugin's {@code test/fixtures/cases.json} are checked against both). Change both together.
 * Like the plugin, it looks at the flow elements of each process (not into sub-processes) and reasons over
 * structure ({@link SagaProcess} and its {@link SagaGraph}: sequence flows, boundary events, compensation
 * associations; {@link SagaElements}: task headers, templates), never over ids or names.
 */
public final class SagaRules {

    private static final List<String> BRIDGE_HEADERS = List.of("commandType", "commandTopic", "eventTopic", "successEvents");

    private SagaRules() {}

    /** Every finding of every rule, per process in document order. */
    public static List<SagaFinding> check(BpmnModelInstance model) {
        return model.getModelElementsByType(Process.class).stream().flatMap(process -> check(new SagaProcess(process)).stream()).toList();
    }

    /** The rules in the plugin's order. */
    private static List<SagaFinding> check(SagaProcess p) {
        compensatedSteps(p);
        ReverseCompensation.check(p);
        markedPivot(p);
        deadlinesAndFailures(p);
        bridgeTask(p);
        return p.findings();
    }

    /** 1. compensated-steps. */
    private static void compensatedSteps(SagaProcess p) {
        for (FlowElement step : p.forward().stream().filter(p::beforePivot).toList()) {
            if (READ_ONLY.equals(header(step, ROLE_HEADER))) {
                continue;
            }
            List<BoundaryEvent> compensations = p.graph().compensationBoundaries(step);
            if (compensations.isEmpty()) {
                p.report(SagaRule.COMPENSATED_STEPS, step, "forward step that is not after the pivot has no compensation boundary event: "
                        + "a later failure cannot undo it (mark it " + ROLE_HEADER + "=" + READ_ONLY + " if it changes nothing)");
            }
            for (BoundaryEvent boundary : compensations) {
                List<BaseElement> handlers = p.graph().handlers(boundary);
                if (handlers.isEmpty()) {
                    p.report(SagaRule.COMPENSATED_STEPS, boundary, "compensation boundary event has no compensation handler (an association to a task)");
                }
                for (BaseElement handler : handlers) {
                    if (!isSagaTask(handler) || header(handler, "commandType").isEmpty()) {
                        p.report(SagaRule.COMPENSATED_STEPS, handler,
                                "compensation handler sends no compensating command (a " + JOB_TYPE + " task with a commandType header)");
                    }
                }
            }
        }
    }

    /** 3. marked-pivot. */
    private static void markedPivot(SagaProcess p) {
        if (!p.forward().isEmpty() && p.pivots().isEmpty()) {
            p.report(SagaRule.MARKED_PIVOT, p.process(), "no forward step is marked as the pivot (task header " + ROLE_HEADER + "=" + PIVOT
                    + "): the step after which nothing is compensated must be marked");
        }
        for (FlowElement task : p.sagaTasks()) {
            if (PIVOT.equals(header(task, ROLE_HEADER)) && !p.forward().contains(task)) {
                p.report(SagaRule.MARKED_PIVOT, task, "is marked as the pivot but is not a forward step of the saga");
            }
        }
        for (FlowElement extra : p.pivots().stream().skip(1).toList()) {
            p.report(SagaRule.MARKED_PIVOT, extra, "is marked as the pivot, but " + p.pivots().getFirst().getId() + " is marked too: a saga has one pivot");
        }
        if (p.pivot() != null) {
            for (FlowElement step : p.forward().stream().filter(p::afterPivot).toList()) {
                if (!p.graph().compensationBoundaries(step).isEmpty()) {
                    p.report(SagaRule.MARKED_PIVOT, step, "comes after the pivot " + p.pivot().getId()
                            + " but has a compensation boundary event: steps after the pivot are retried, never rolled back");
                }
                List<String> failures = list(header(step, "failureEvents"));
                if (!failures.isEmpty()) {
                    p.report(SagaRule.MARKED_PIVOT, step, "comes after the pivot " + p.pivot().getId() + " but declares failure events ("
                            + String.join(", ", failures) + "): steps after the pivot are retried, never rolled back");
                }
            }
        }
    }

    /** 4. deadlines-and-failures. */
    private static void deadlinesAndFailures(SagaProcess p) {
        for (FlowElement step : p.forward().stream().filter(step -> !p.afterPivot(step)).toList()) {
            boolean deadline = p.graph().boundaries(step, TimerEventDefinition.class).stream().anyMatch(BoundaryEvent::cancelActivity);
            if (!deadline) {
                p.report(SagaRule.DEADLINES_AND_FAILURES, step, "forward step has no deadline: attach an interrupting timer boundary event");
            }
        }
        for (FlowElement task : p.sagaTasks()) {
            List<String> caught = p.graph().boundaries(task, ErrorEventDefinition.class).stream()
                    .flatMap(b -> SagaGraph.definitions(b, ErrorEventDefinition.class))
                    .map(d -> d.getError() == null ? null : d.getError().getErrorCode())
                    .filter(code -> code != null && !code.isEmpty())
                    .toList();
            for (String code : list(header(task, "failureEvents"))) {
                if (!caught.contains(code)) {
                    p.report(SagaRule.DEADLINES_AND_FAILURES, task, "declares failure event " + code + ", but no error boundary event catches error code "
                            + code + ": it would raise an incident");
                }
            }
        }
        for (SagaProcess.FailureStart start : p.failureStarts()) {
            p.graph().pathsFrom(start.boundary(), path -> {
                FlowElement end = path.getLast();
                if (!(end instanceof EndEvent) || p.happy().contains(end)) {
                    p.report(SagaRule.DEADLINES_AND_FAILURES, start.boundary(), "a failure path from here ends in " + end.getId()
                            + ", not in a failed end (an end event the saga reaches only after a failure)");
                }
            });
        }
    }

    /** 5. bridge-task. */
    private static void bridgeTask(SagaProcess p) {
        for (FlowElement task : p.sagaTasks()) {
            List<String> missing = BRIDGE_HEADERS.stream().filter(key -> header(task, key).isEmpty()).toList();
            String jobType = jobType(task);
            if (!JOB_TYPE.equals(jobType)) {
                p.report(SagaRule.BRIDGE_TASK, task, "uses a saga template but its job type is " + (isBlank(jobType) ? "not set" : jobType) + ", not "
                        + JOB_TYPE + ": the bridge would never send its command");
            }
            if (!missing.isEmpty()) {
                p.report(SagaRule.BRIDGE_TASK, task, "lacks the task header(s) the bridge needs: " + String.join(", ", missing));
            }
            List<String> expected = isForCompensation(task) ? List.of(COMPENSATION_TEMPLATE)
                    : p.forward().contains(task) ? List.of(STEP_TEMPLATE) : List.of(STEP_TEMPLATE, COMPENSATION_TEMPLATE);
            String template = template(task);
            if (template == null || !expected.contains(template)) {
                p.report(SagaRule.BRIDGE_TASK, task, "does not use the project's element template " + String.join(" or ", expected) + " (it uses "
                        + (isBlank(template) ? "none" : template) + ")");
            }
            String role = header(task, ROLE_HEADER);
            if (!role.isEmpty() && !role.equals(PIVOT) && !role.equals(READ_ONLY)) {
                p.report(SagaRule.BRIDGE_TASK, task, "has " + ROLE_HEADER + "=" + role + "; allowed are " + PIVOT + " and " + READ_ONLY);
            }
        }
    }
}

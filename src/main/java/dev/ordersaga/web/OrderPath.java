package dev.ordersaga.web;

import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.tracking.HistoryEntry;
import dev.ordersaga.tracking.query.OrderView;
import java.time.Instant;
import java.util.List;

/**
 * One order's path on the diagram of the process version it runs on, as {@code GET /orders/{orderId}/path} answers
 * it: which elements it passed, where it is now, the step that failed, the compensations that ran (in their order),
 * an open incident, and how long each step took.
 *
 * @param orderId the order
 * @param bpmnProcessId the process the order runs in, from its history (null when no entry names it)
 * @param processDefinitionKey the deployed version of it (its diagram: {@code GET /process-definitions/{key}/xml})
 * @param processVersion that version's number
 * @param finished whether the order reached an end event
 * @param elements every element the order reached, in the order it first reached them
 * @param flows the sequence flows it took
 */
public record OrderPath(String orderId, String bpmnProcessId, Long processDefinitionKey, Integer processVersion, boolean finished,
        List<ElementState> elements, List<String> flows) {

    /** Passed (for a task: its participant answered with success; for an event or gateway: the order went through it). */
    public static final String COMPLETED = "completed";
    /** The order is there now: the task's command waits for its answer, or a compensation throw event waits for its handler. */
    public static final String ACTIVE = "active";
    /** The step failed there: its participant answered with a business failure, or it passed its deadline. */
    public static final String FAILED = "failed";

    /**
     * Where the order is or was at one element.
     *
     * @param elementId the BPMN element id
     * @param name its name in the diagram
     * @param status {@value #COMPLETED}, {@value #ACTIVE} or {@value #FAILED}
     * @param enteredAt for a task: when its command was sent
     * @param leftAt for a task: when its outcome arrived (or, after a time-out, when its compensation started)
     * @param durationMillis for a task: from {@code enteredAt} to {@code leftAt}, or to now while it is active
     * @param outcome for a task: the type of the event that settled it, or {@code StepTimedOut}
     * @param compensation for a task that undoes another: its place among the compensations of this order, from 1
     * @param compensated for a task that was undone: true
     * @param incident the message of an open incident at this task (its retries are used up)
     */
    public record ElementState(String elementId, String name, String status, Instant enteredAt, Instant leftAt, Long durationMillis,
            String outcome, Integer compensation, Boolean compensated, String incident) {}

    static final String TIMED_OUT = "StepTimedOut";

    /** The path of an order, from its history, on {@code graph} (the diagram of its process version). */
    static OrderPath of(OrderView order, ProcessGraph graph, SagaStepCatalog catalog, Instant now) {
        HistoryEntry named = order.history().stream().filter(e -> e.processDefinitionKey() != null).findFirst().orElse(null);
        var path = new OrderPathBuilder(graph, catalog);
        order.history().forEach(path::add);
        path.settle(order.variables().failureReason(), order.incident());
        return path.build(order.orderId(), named, now);
    }
}

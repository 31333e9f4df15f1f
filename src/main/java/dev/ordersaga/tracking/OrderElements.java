package dev.ordersaga.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an order is and was in its process, by BPMN element id: indexed (keyword arrays of the order document), so
 * that a terms aggregation counts, over all orders, how many are at each task now, passed it or failed there.
 *
 * @param active the tasks whose command waits for its outcome (an open incident included)
 * @param completed the tasks whose participant answered with success
 * @param failed the tasks whose participant answered with a business failure, or that passed their deadline
 */
public record OrderElements(List<String> active, List<String> completed, List<String> failed) {

    private static final String TIMED_OUT = "StepTimedOut";

    /** From an order's history (commands and events that name their element) and its failure reason; null if none names one. */
    public static OrderElements of(Collection<HistoryEntry> history, JsonNode failureReason) {
        Map<String, String> elementOfCommand = new LinkedHashMap<>();
        Map<String, EventOutcome> outcomeOfCommand = new HashMap<>();
        history.stream().sorted(HistoryEntry.TIME_ORDER).forEach(entry -> {
            if (entry.kind() == HistoryKind.COMMAND && entry.elementId() != null) {
                elementOfCommand.put(entry.commandId(), entry.elementId());
            } else if (entry.outcome() != null && entry.outcome().settles()) {
                // The first outcome settles the step's job; the bridge drops any later one.
                outcomeOfCommand.putIfAbsent(entry.commandId(), entry.outcome());
            }
        });
        if (elementOfCommand.isEmpty()) {
            return null;
        }
        String timedOut = failureReason != null && TIMED_OUT.equals(failureReason.path("event").asText()) ? failureReason.path("elementId").asText()
                : null;
        Set<String> active = new LinkedHashSet<>();
        Set<String> completed = new LinkedHashSet<>();
        Set<String> failed = new LinkedHashSet<>();
        elementOfCommand.forEach((commandId, elementId) -> {
            EventOutcome outcome = outcomeOfCommand.get(commandId);
            if (outcome == EventOutcome.SUCCESS) {
                completed.add(elementId);
            } else if (outcome == EventOutcome.FAILURE || elementId.equals(timedOut)) {
                failed.add(elementId);
            } else {
                active.add(elementId);
            }
        });
        return new OrderElements(List.copyOf(active), List.copyOf(completed), List.copyOf(failed));
    }
}

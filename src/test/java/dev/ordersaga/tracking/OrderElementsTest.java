package dev.ordersaga.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where an order is and was, by BPMN element, as the heat map counts it. */
class OrderElementsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void tasksAreActiveUntilTheirFirstSuccessOrFailureAndATechnicalAnswerSettlesNothing() {
        var history = List.of(
                entry("a", "command", "c1", "Task_ReserveInventory", null, 0),
                entry("b", "event", "c1", null, HistoryEntry.SUCCESS, 1),
                entry("c", "command", "c2", "Task_ChargePayment", null, 2),
                entry("d", "event", "c2", "Task_ChargePayment", HistoryEntry.FAILURE, 3),
                entry("e", "event", "c2", "Task_ChargePayment", HistoryEntry.SUCCESS, 4),
                entry("f", "command", "c3", "Task_ReleaseInventory", null, 5),
                entry("g", "event", "c3", "Task_ReleaseInventory", HistoryEntry.TECHNICAL, 6),
                entry("h", "state", null, "Task_ChargePayment", null, 7));

        var elements = OrderElements.of(history, null);

        assertThat(elements.completed()).containsExactly("Task_ReserveInventory");
        assertThat(elements.failed()).as("the first outcome settles the step").containsExactly("Task_ChargePayment");
        assertThat(elements.active()).containsExactly("Task_ReleaseInventory");
    }

    @Test
    void aStepPastItsDeadlineFailedThereAndAnOrderWithoutElementsHasNone() {
        var history = List.of(entry("a", "command", "c1", "Task_ChargePayment", null, 0));
        var timedOut = JsonNodeFactory.instance.objectNode().put("elementId", "Task_ChargePayment").put("event", "StepTimedOut");

        assertThat(OrderElements.of(history, timedOut)).isEqualTo(new OrderElements(List.of(), List.of(), List.of("Task_ChargePayment")));
        assertThat(OrderElements.of(List.of(entry("a", "command", "c1", null, null, 0)), null)).isNull();
    }

    private static HistoryEntry entry(String id, String kind, String commandId, String elementId, String outcome, int second) {
        return new HistoryEntry(id, kind, "Type", "step", commandId, "test", T0.plusSeconds(second), null, elementId, "order-process", 1L, 1,
                null, outcome);
    }
}

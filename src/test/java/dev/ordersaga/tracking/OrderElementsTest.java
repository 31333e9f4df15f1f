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
                entry("a", HistoryKind.COMMAND, "c1", "Task_ReserveInventory", null, 0),
                entry("b", HistoryKind.EVENT, "c1", null, EventOutcome.SUCCESS, 1),
                entry("c", HistoryKind.COMMAND, "c2", "Task_ChargePayment", null, 2),
                entry("d", HistoryKind.EVENT, "c2", "Task_ChargePayment", EventOutcome.FAILURE, 3),
                entry("e", HistoryKind.EVENT, "c2", "Task_ChargePayment", EventOutcome.SUCCESS, 4),
                entry("f", HistoryKind.COMMAND, "c3", "Task_ReleaseInventory", null, 5),
                entry("g", HistoryKind.EVENT, "c3", "Task_ReleaseInventory", EventOutcome.TECHNICAL, 6),
                entry("h", HistoryKind.STATE, null, "Task_ChargePayment", null, 7));

        var elements = OrderElements.of(history, null);

        assertThat(elements.completed()).containsExactly("Task_ReserveInventory");
        assertThat(elements.failed()).as("the first outcome settles the step").containsExactly("Task_ChargePayment");
        assertThat(elements.active()).containsExactly("Task_ReleaseInventory");
    }

    @Test
    void aStepPastItsDeadlineFailedThereAndAnOrderWithoutElementsHasNone() {
        var history = List.of(entry("a", HistoryKind.COMMAND, "c1", "Task_ChargePayment", null, 0));
        var timedOut = JsonNodeFactory.instance.objectNode().put("elementId", "Task_ChargePayment").put("event", "StepTimedOut");

        assertThat(OrderElements.of(history, timedOut)).isEqualTo(new OrderElements(List.of(), List.of(), List.of("Task_ChargePayment")));
        assertThat(OrderElements.of(List.of(entry("a", HistoryKind.COMMAND, "c1", null, null, 0)), null)).isNull();
    }

    private static HistoryEntry entry(String id, HistoryKind kind, String commandId, String elementId, EventOutcome outcome, int second) {
        return new HistoryEntry(id, kind, "Type", "step", commandId, "test", T0.plusSeconds(second), null, elementId, "order-process", 1L, 1,
                null, outcome);
    }
}

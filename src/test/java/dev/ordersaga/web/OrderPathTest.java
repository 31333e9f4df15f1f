package dev.ordersaga.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ordersaga.bridge.SagaStepCatalog;
import dev.ordersaga.order.OrderVariables;
import dev.ordersaga.support.UnitTestSettings;
import dev.ordersaga.tracking.EventOutcome;
import dev.ordersaga.tracking.HistoryEntry;
import dev.ordersaga.tracking.HistoryKind;
import dev.ordersaga.tracking.Incident;
import dev.ordersaga.tracking.query.OrderView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An order's path on the diagram of {@code processes/order-process.bpmn}, from histories as the projection keeps them. */
class OrderPathTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final SagaStepCatalog catalog = UnitTestSettings.catalog();
    private final ProcessGraph graph;

    OrderPathTest() throws IOException {
        graph = ProcessGraph.parse(Files.readString(Path.of("processes/order-process.bpmn")));
    }

    @Test
    void aShippedOrderPassedEveryForwardStepAndBothMilestonesAndEnded() {
        var history = new History();
        history.paid();
        history.step("Task_ScheduleShipment", "ScheduleShipment", "ShipmentScheduled", "PaymentProcessed");
        history.step("Task_NotifyCustomer", "NotifyCustomer", "CustomerNotified", "OrderShipped");

        OrderPath path = path(history, null, null);

        assertThat(path.finished()).isTrue();
        assertThat(path.processDefinitionKey()).isEqualTo(42L);
        assertThat(statuses(path)).containsEntry("StartEvent_OrderPlaced", "completed").containsEntry("Event_OrderCreated", "completed")
                .containsEntry("Task_ReserveInventory", "completed").containsEntry("Event_InventoryChecked", "completed")
                .containsEntry("Task_ChargePayment", "completed").containsEntry("Task_ScheduleShipment", "completed")
                .containsEntry("Task_NotifyCustomer", "completed").containsEntry("End_OrderCompleted", "completed")
                .doesNotContainKeys("Gateway_JoinFailurePaths", "End_OrderFailed", "Boundary_CompensateInventory", "Task_ReleaseInventory");
        assertThat(path.elements()).allSatisfy(e -> {
            assertThat(e.compensation()).isNull();
            assertThat(e.compensated()).isNull();
        });
        assertThat(path.flows()).contains("Flow_ToReserveInventory", "Flow_InventoryToState", "Flow_ToOrderCompleted")
                .doesNotContain("Flow_ShipmentKO", "Flow_ToCompensatePayment");
        assertThat(element(path, "Task_ChargePayment").durationMillis()).isEqualTo(100L);
    }

    @Test
    void anOrderFailedAtShipmentIsRolledBackPaymentFirstThenInventory() {
        var history = new History();
        history.paid();
        history.step("Task_ScheduleShipment", "ScheduleShipment", "ShipmentKO", "PaymentProcessed");
        history.step("Task_RefundPayment", "RefundPayment", "PaymentRefunded", null);
        history.step("Task_ReleaseInventory", "ReleaseInventory", "InventoryReleased", null);
        history.step("Task_NotifyFailure", "NotifyCustomer", "CustomerNotified", "OrderFailed");

        OrderPath path = path(history, failure("Task_ScheduleShipment", "ShipmentKO"), null);

        assertThat(path.finished()).isTrue();
        var statuses = statuses(path);
        assertThat(statuses).containsEntry("Task_ScheduleShipment", "failed").containsEntry("Boundary_ShipmentKO", "completed")
                .containsEntry("Gateway_JoinFailurePaths", "completed").containsEntry("Throw_CompensatePayment", "completed")
                .containsEntry("Throw_CompensateInventory", "completed").containsEntry("Task_RefundPayment", "completed")
                .containsEntry("Task_ReleaseInventory", "completed").containsEntry("End_OrderFailed", "completed")
                .doesNotContainKeys("End_OrderCompleted", "Boundary_ShipmentTimedOut", "Boundary_PaymentKO", "Task_CancelShipment");
        assertThat(element(path, "Task_ScheduleShipment").outcome()).isEqualTo("ShipmentKO");
        assertThat(element(path, "Task_RefundPayment").compensation()).isEqualTo(1);
        assertThat(element(path, "Task_ReleaseInventory").compensation()).isEqualTo(2);
        assertThat(element(path, "Task_ChargePayment").compensated()).isTrue();
        assertThat(element(path, "Task_ReserveInventory").compensated()).isTrue();
        assertThat(element(path, "Task_ScheduleShipment").compensated()).isNull();
        assertThat(path.flows()).contains("Flow_ShipmentKO", "Flow_ToCompensatePayment", "Flow_ToOrderFailed")
                .doesNotContain("Flow_PaymentKO", "Flow_ShipmentToState");
    }

    @Test
    void whileTheRefundRunsItsThrowEventWaitsAndTheOrderIsNotFinished() {
        var history = new History();
        history.paid();
        history.step("Task_ScheduleShipment", "ScheduleShipment", "ShipmentKO", "PaymentProcessed");
        history.command("Task_RefundPayment", "RefundPayment");

        OrderPath path = path(history, failure("Task_ScheduleShipment", "ShipmentKO"), null);

        assertThat(path.finished()).isFalse();
        assertThat(statuses(path)).containsEntry("Task_RefundPayment", "active").containsEntry("Throw_CompensatePayment", "active")
                .doesNotContainKeys("Throw_CompensateInventory", "Task_ReleaseInventory", "End_OrderFailed");
    }

    @Test
    void aStepWaitingForItsParticipantIsActiveAndAnIncidentIsShownOnIt() {
        var history = new History();
        history.paid();
        String commandId = history.command("Task_ScheduleShipment", "ScheduleShipment");
        history.technicalFailure(commandId);

        var incident = new Incident(commandId, "shipment answered CommandFailed", T0, false, null);
        OrderPath path = path(history, null, incident);

        assertThat(path.finished()).isFalse();
        assertThat(element(path, "Task_ScheduleShipment").status()).isEqualTo("active");
        assertThat(element(path, "Task_ScheduleShipment").incident()).isEqualTo("shipment answered CommandFailed");
        assertThat(element(path, "Task_ScheduleShipment").durationMillis()).isNotNull();
        assertThat(statuses(path)).containsEntry("Event_PaymentProcessed", "completed").doesNotContainKey("Event_OrderShipped");
    }

    @Test
    void aStepPastItsDeadlineFailedAndItsExplicitCompensationUndidIt() {
        var history = new History();
        history.step("Task_ReserveInventory", "ReserveInventory", "InventoryReserved", "OrderCreated");
        history.command("Task_ChargePayment", "ChargePayment");
        history.step("Task_RefundPaymentAfterTimeout", "RefundPayment", "PaymentRefunded", null);
        history.step("Task_ReleaseInventory", "ReleaseInventory", "InventoryReleased", null);
        history.step("Task_NotifyFailure", "NotifyCustomer", "CustomerNotified", "OrderFailed");

        OrderPath path = path(history, failure("Task_ChargePayment", "StepTimedOut"), null);

        assertThat(path.finished()).isTrue();
        assertThat(statuses(path)).containsEntry("Task_ChargePayment", "failed").containsEntry("Boundary_PaymentTimedOut", "completed")
                .containsEntry("Task_RefundPaymentAfterTimeout", "completed").containsEntry("Gateway_JoinFailurePaths", "completed")
                .doesNotContainKey("Boundary_PaymentKO");
        assertThat(element(path, "Task_ChargePayment").outcome()).isEqualTo("StepTimedOut");
        assertThat(element(path, "Task_ChargePayment").compensated()).isTrue();
        assertThat(element(path, "Task_ChargePayment").leftAt()).isEqualTo(element(path, "Task_RefundPaymentAfterTimeout").enteredAt());
        assertThat(element(path, "Task_RefundPaymentAfterTimeout").compensation()).isEqualTo(1);
        assertThat(element(path, "Task_ReleaseInventory").compensation()).isEqualTo(2);
    }

    private OrderPath path(History history, JsonNode failureReason, Incident incident) {
        var variables = new OrderVariables("order-1", "c-1", null, null, null, null, null, failureReason, null, null);
        var order = new OrderView(variables, null, incident, 7L, T0, T0, Map.of(), history.entries, null, null, true);
        return OrderPath.of(order, graph, catalog, T0.plusSeconds(60));
    }

    private static JsonNode failure(String elementId, String event) {
        return JsonNodeFactory.instance.objectNode().put("elementId", elementId).put("event", event).put("message", "no");
    }

    private static Map<String, String> statuses(OrderPath path) {
        return path.elements().stream().collect(Collectors.toMap(OrderPath.ElementState::elementId, OrderPath.ElementState::status));
    }

    private static OrderPath.ElementState element(OrderPath path, String elementId) {
        return path.elements().stream().filter(e -> e.elementId().equals(elementId)).findFirst().orElseThrow();
    }

    /** A history as the projection keeps it: one entry per message, 100 ms apart, each naming its BPMN element. */
    private static final class History {
        final List<HistoryEntry> entries = new ArrayList<>();
        private int tick;

        /** Inventory reserved and payment charged. */
        void paid() {
            step("Task_ReserveInventory", "ReserveInventory", "InventoryReserved", "OrderCreated");
            step("Task_ChargePayment", "ChargePayment", "PaymentCharged", "InventoryChecked");
        }

        void step(String elementId, String commandType, String eventType, String state) {
            if (state != null) {
                add(HistoryKind.STATE, state, "s-" + state, null, elementId, null);
            }
            String commandId = command(elementId, commandType);
            add(HistoryKind.EVENT, eventType, "e-" + commandId, commandId, elementId, eventType.endsWith("KO") ? EventOutcome.FAILURE : EventOutcome.SUCCESS);
        }

        String command(String elementId, String commandType) {
            String commandId = "cmd-" + elementId;
            add(HistoryKind.COMMAND, commandType, commandId, commandId, elementId, null);
            return commandId;
        }

        void technicalFailure(String commandId) {
            add(HistoryKind.EVENT, "CommandFailed", "f-" + commandId, commandId, null, EventOutcome.TECHNICAL);
        }

        private void add(HistoryKind kind, String type, String id, String commandId, String elementId, EventOutcome outcome) {
            entries.add(new HistoryEntry(id, kind, type, "step", commandId, "test", T0.plusMillis(100L * tick++), null, elementId,
                    "order-process", 42L, 1, null, outcome));
        }
    }
}

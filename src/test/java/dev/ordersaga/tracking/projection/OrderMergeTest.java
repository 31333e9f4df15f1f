package dev.ordersaga.tracking.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.order.OrderState;
import dev.ordersaga.tracking.HistoryEntry;
import dev.ordersaga.tracking.HistoryKind;
import dev.ordersaga.tracking.OrderDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderMergeTest {

    private static final ObjectMapper json = new ObjectMapper();
    private static final String ORDER = "order-1";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void statesMoveForwardAndTakeTheSnapshotOfTheAppliedChange() {
        var created = state("s1", OrderState.OrderCreated, 0, snapshot("c-1", 10));
        var paid = state("s3", OrderState.PaymentProcessed, 3, snapshot("c-1", 30));
        var shipped = state("s4", OrderState.OrderShipped, 4, snapshot("c-1", 40));

        OrderDocument order = apply(null, created, paid, shipped);

        assertThat(order.state()).isEqualTo("OrderShipped");
        assertThat(order.variables().total().intValue()).isEqualTo(40);
        assertThat(order.stateMessageId()).isEqualTo("s4");
        assertThat(order.stateChangedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(order.processInstanceKey()).isEqualTo(4711L);
        assertThat(order.createdAt()).isEqualTo(T0);
        assertThat(order.updatedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(order.variables().customerId()).isEqualTo("c-1");
        assertThat(order.variables().email()).isEqualTo("c-1@example.com");
        assertThat(order.variables().currency()).isEqualTo("EUR");
        assertThat(order.variables().items().get(0).sku()).isEqualTo("SKU-1");
        assertThat(order.variables().shippingAddress().city()).isEqualTo("Berlin");
    }

    @Test
    void aLateStateChangeNeitherMovesTheStateBackNorReplacesTheSnapshot() {
        var shipped = state("s4", OrderState.OrderShipped, 4, snapshot("c-1", 40));
        var latePaid = state("s3", OrderState.PaymentProcessed, 3, snapshot("c-OTHER", 30));

        OrderDocument order = apply(apply(null, shipped), latePaid);

        assertThat(order.state()).isEqualTo("OrderShipped");
        assertThat(order.variables().total().intValue()).isEqualTo(40);
        assertThat(order.variables().customerId()).isEqualTo("c-1");
        assertThat(order.stateMessageId()).isEqualTo("s4");
        // ...but it is part of the order's history
        assertThat(ids(order)).containsExactlyInAnyOrder("s4", "s3");
        assertThat(order.createdAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void finalStatesNeverReplaceEachOther() {
        var failed = state("f", OrderState.OrderFailed, 5, failedSnapshot());
        var shipped = state("s", OrderState.OrderShipped, 6, snapshot("c-1", 40));

        OrderDocument order = apply(null, failed, shipped);

        assertThat(order.state()).isEqualTo("OrderFailed");
        assertThat(order.variables().failureReason().get("event").asText()).isEqualTo("PaymentFailed");
        assertThat(order.variables().failureReason().get("message").asText()).isEqualTo("card declined");
    }

    @Test
    void duplicatesChangeNothing() {
        var created = state("s1", OrderState.OrderCreated, 0, snapshot("c-1", 10));
        var command = exchange("cmd-1", HistoryKind.COMMAND, "inventory", "ReserveInventory", 1);
        var event = exchange("evt-1", HistoryKind.EVENT, "inventory", "InventoryReserved", 2);

        OrderDocument once = apply(null, created, command, event);
        OrderDocument twice = apply(apply(once, event, command, created), created);

        assertThat(twice).isEqualTo(once);
        assertThat(OrderMerge.changes(once, twice)).isFalse();
    }

    @Test
    void theResultDoesNotDependOnTheOrderMessagesArriveIn() {
        var messages = List.of(
                state("s1", OrderState.OrderCreated, 0, snapshot("c-1", 10)),
                exchange("cmd-1", HistoryKind.COMMAND, "inventory", "ReserveInventory", 1),
                exchange("evt-1", HistoryKind.EVENT, "inventory", "InventoryReserved", 2),
                state("s2", OrderState.InventoryChecked, 3, snapshot("c-1", 20)),
                exchange("cmd-2", HistoryKind.COMMAND, "payment", "ChargePayment", 4),
                exchange("evt-2", HistoryKind.EVENT, "payment", "PaymentCharged", 5),
                state("s3", OrderState.PaymentProcessed, 6, snapshot("c-1", 30)),
                exchange("cmd-3", HistoryKind.COMMAND, "shipment", "ScheduleShipment", 7),
                exchange("evt-3", HistoryKind.EVENT, "shipment", "ShipmentScheduled", 8),
                state("s4", OrderState.OrderShipped, 9, snapshot("c-1", 40)));
        OrderDocument inOrder = apply(null, messages.toArray(ProjectedMessage[]::new));
        var random = new Random(42);
        for (int run = 0; run < 50; run++) {
            var shuffled = new ArrayList<>(messages);
            Collections.shuffle(shuffled, random);
            // split into batches at a random point, as batches of a consumer would be
            int cut = random.nextInt(shuffled.size());
            OrderDocument first = OrderMerge.apply(null, ORDER, shuffled.subList(0, cut));
            OrderDocument both = OrderMerge.apply(cut == 0 ? null : first, ORDER, shuffled.subList(cut, shuffled.size()));
            assertThat(both).usingRecursiveComparison().ignoringFields("history").isEqualTo(inOrder);
            assertThat(both.history()).containsExactlyElementsOf(inOrder.history());
        }
        assertThat(inOrder.state()).isEqualTo("OrderShipped");
        assertThat(inOrder.steps()).extracting(OrderDocument.StepStatus::step, OrderDocument.StepStatus::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("inventory", "InventoryReserved"),
                        org.assertj.core.groups.Tuple.tuple("payment", "PaymentCharged"),
                        org.assertj.core.groups.Tuple.tuple("shipment", "ShipmentScheduled"));
    }

    @Test
    void aStepShowsItsLatestMessage() {
        var charge = exchange("cmd-2", HistoryKind.COMMAND, "payment", "ChargePayment", 4);
        var charged = exchange("evt-2", HistoryKind.EVENT, "payment", "PaymentCharged", 5);
        var refund = exchange("cmd-9", HistoryKind.COMMAND, "payment", "RefundPayment", 9);

        OrderDocument order = apply(null, refund, charged, charge);

        assertThat(order.steps()).singleElement().satisfies(step -> {
            assertThat(step.type()).isEqualTo("RefundPayment");
            assertThat(step.kind()).isEqualTo(HistoryKind.COMMAND);
            assertThat(step.time()).isEqualTo(T0.plusSeconds(9));
        });
        assertThat(order.state()).isNull();
    }

    @Test
    void commandsAndEventsBeforeAnyStateMakeAnOrderWithoutState() {
        OrderDocument order = apply(null, exchange("cmd-1", HistoryKind.COMMAND, "inventory", "ReserveInventory", 1));
        assertThat(order.state()).isNull();
        assertThat(order.variables().customerId()).isNull();
        assertThat(order.createdAt()).isEqualTo(T0.plusSeconds(1));

        OrderDocument later = apply(order, state("s1", OrderState.OrderCreated, 0, snapshot("c-1", 10)));
        assertThat(later.state()).isEqualTo("OrderCreated");
        assertThat(later.variables().customerId()).isEqualTo("c-1");
        assertThat(later.createdAt()).isEqualTo(T0);
        assertThat(later.updatedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void snapshotValuesOfAnUnexpectedShapeAreDroppedOrWrappedNotIndexedAsTheyAre() {
        ObjectNode odd = snapshot("c-1", 10);
        odd.put("items", "not a list");
        odd.put("shippingAddress", 42);
        odd.put("failureReason", "plain text");
        odd.putObject("total").put("amount", 10);
        OrderDocument order = apply(null, state("s1", OrderState.OrderFailed, 0, odd));
        assertThat(order.variables().items()).isNull();
        assertThat(order.variables().shippingAddress()).isNull();
        assertThat(order.variables().total()).isNull();
        assertThat(order.variables().failureReason().get("message").asText()).isEqualTo("plain text");
    }

    @Test
    void aNoticeJoinsTheHistoryButChangesNeitherStateNorSteps() {
        var charge = exchange("cmd-2", HistoryKind.COMMAND, "payment", "ChargePayment", 4);
        var created = state("s1", OrderState.OrderCreated, 0, snapshot("c-1", 10));
        var incident = ProjectedMessage.notice(new Envelope(Envelope.SCHEMA_VERSION, "n-1", "StepIncident", ORDER, "cmd-2", "order-saga-bridge",
                T0.plusSeconds(9), json.createObjectNode().put("message", "payment unreachable")), "order-state");

        OrderDocument order = apply(null, created, charge, incident);

        assertThat(order.state()).isEqualTo("OrderCreated");
        assertThat(order.steps()).singleElement().extracting(OrderDocument.StepStatus::type).isEqualTo("ChargePayment");
        assertThat(ids(order)).contains("n-1");
        assertThat(order.updatedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(incident.history().detail()).isEqualTo("payment unreachable");
        assertThat(incident.history().kind()).isEqualTo(HistoryKind.NOTICE);
    }

    @Test
    void anIncidentIsOpenUntilItsCommandIsExchangedAgainAfterIt() {
        var created = state("s1", OrderState.OrderCreated, 0, snapshot("c-1", 10));
        var charge = exchange("cmd-2", HistoryKind.COMMAND, "payment", "ChargePayment", 4);
        var failed = exchange("cmd-2", HistoryKind.EVENT, "payment", "CommandFailed", 5);
        var incident = incident("n-1", "cmd-2", "ChargePayment", false, 9);
        var resent = ProjectedMessage.exchange(new Envelope(Envelope.SCHEMA_VERSION, "cmd-2", "ChargePayment", ORDER, "cmd-2", "order-saga-bridge",
                T0.plusSeconds(30), json.createObjectNode()), HistoryKind.COMMAND, "payment-commands").withStep("payment");

        OrderDocument open = apply(null, created, charge, incident, failed);
        assertThat(open.state()).isEqualTo("OrderCreated");
        assertThat(open.incident().commandId()).isEqualTo("cmd-2");
        assertThat(open.incident().commandType()).isEqualTo("ChargePayment");
        assertThat(open.incident().compensation()).isFalse();

        assertThat(apply(open, resent).incident()).as("resolved: the command went out again").isNull();
        assertThat(apply(null, created, resent, charge, failed, incident).incident()).as("in any arrival order").isNull();
    }

    /**
     * Topics are consumed separately, so a notice can be projected after the reply to the command sent again once its
     * incident was resolved: it must not reopen the incident. A final state closes whatever incident is open (e.g. one
     * of a step whose deadline passed: its job is gone, its command never comes again).
     */
    @Test
    void aStaleNoticeDoesNotReopenAnIncidentAndAFinalStateClosesAny() {
        var created = state("s1", OrderState.OrderCreated, 0, snapshot("c-1", 10));
        var charge = exchange("cmd-2", HistoryKind.COMMAND, "payment", "ChargePayment", 4);
        var notice = incident("n-1", "cmd-2", "ChargePayment", false, 9);
        var resent = ProjectedMessage.exchange(new Envelope(Envelope.SCHEMA_VERSION, "cmd-2", "ChargePayment", ORDER, "cmd-2", "order-saga-bridge",
                T0.plusSeconds(30), json.createObjectNode()), HistoryKind.COMMAND, "payment-commands").withStep("payment");

        assertThat(apply(apply(null, created, charge, resent), notice).incident()).as("a notice older than its command's reply").isNull();

        OrderDocument open = apply(null, created, charge, notice);
        var failed = state("s9", OrderState.OrderFailed, 300, failedSnapshot());
        assertThat(apply(open, failed).incident()).as("closed by the final state").isNull();
        assertThat(apply(apply(null, created, failed), notice).incident()).as("a notice from before the final state").isNull();
        var notifying = incident("n-2", "cmd-9", "NotifyCustomer", false, 320);
        assertThat(apply(apply(open, failed), notifying).incident()).as("an incident after the final state is one of its own").isNotNull();
    }

    @Test
    void aCompensationInAnIncidentMakesTheOrderCompensationFailedUntilItFails() {
        var created = state("s1", OrderState.OrderCreated, 0, snapshot("c-1", 10));
        var incident = incident("n-1", "cmd-7", "RefundPayment", true, 20);
        var failed = state("s9", OrderState.OrderFailed, 40, snapshot("c-1", 10));

        OrderDocument stuck = apply(null, created, incident);
        assertThat(stuck.state()).isEqualTo("CompensationFailed");
        assertThat(stuck.incident().compensation()).isTrue();
        assertThat(apply(stuck, state("s2", OrderState.PaymentProcessed, 10, snapshot("c-1", 10))).state())
                .as("a late earlier state does not hide the failed compensation").isEqualTo("CompensationFailed");
        assertThat(apply(stuck, failed).state()).isEqualTo("OrderFailed");
    }

    private ProjectedMessage incident(String id, String commandId, String commandType, boolean compensation, int second) {
        return ProjectedMessage.notice(new Envelope(Envelope.SCHEMA_VERSION, id, "StepIncident", ORDER, commandId, "order-saga-bridge",
                T0.plusSeconds(second), json.createObjectNode().put("commandType", commandType).put("message", "no answer")
                        .put("compensation", compensation)), "order-state");
    }

    @Test
    void refusesMessagesOfAnotherOrder() {
        var other = ProjectedMessage.exchange(new Envelope(1, "x", "ReserveInventory", "order-2", "x", "bridge", T0, null),
                HistoryKind.COMMAND, "inventory-commands").withStep("inventory");
        assertThatThrownBy(() -> OrderMerge.apply(null, ORDER, List.of(other))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Steps are named as the messages name them (issue 13), never after a topic: a forward step and its compensation are two. */
    @Test
    void aStepIsNamedByItsMessagesAndAReplyWithoutHeadersTakesItsCommandsStep() {
        var created = state("s1", OrderState.OrderCreated, 0, snapshot("c-1", 10));
        var reserve = command("cmd-1", "ReserveInventory", 1, "Task_ReserveInventory", "Reserve inventory");
        var reserved = reply("e-1", "cmd-1", "InventoryReserved", 2).withElement(element("Task_ReserveInventory", "Reserve inventory"));
        var release = command("cmd-2", "ReleaseInventory", 3, "Task_ReleaseInventory", null);
        var released = reply("e-2", "cmd-2", "InventoryReleased", 4);

        OrderDocument order = apply(null, created, reserve, reserved, release, released);

        assertThat(order.steps()).extracting(OrderDocument.StepStatus::step, OrderDocument.StepStatus::type)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Reserve inventory", "InventoryReserved"),
                        org.assertj.core.groups.Tuple.tuple("Task_ReleaseInventory", "InventoryReleased"));
        assertThat(order.history()).filteredOn(entry -> entry.id().equals("e-2")).extracting(HistoryEntry::step)
                .as("a reply that echoes no headers is its command's step").containsExactly("Task_ReleaseInventory");
        assertThat(apply(null, created, released).history()).filteredOn(entry -> entry.id().equals("e-2")).extracting(HistoryEntry::step)
                .as("before its command is projected: the participant as the reply names itself").containsExactly("inventory");
    }

    private static ProjectedMessage command(String id, String type, int second, String elementId, String stepName) {
        var envelope = new Envelope(Envelope.SCHEMA_VERSION, id, type, ORDER, id, "order-saga-bridge", T0.plusSeconds(second), json.createObjectNode());
        return ProjectedMessage.exchange(envelope, HistoryKind.COMMAND, "inventory-commands").withElement(element(elementId, stepName));
    }

    private static ProjectedMessage reply(String id, String commandId, String type, int second) {
        var envelope = new Envelope(Envelope.SCHEMA_VERSION, id, type, ORDER, commandId, "inventory", T0.plusSeconds(second), json.createObjectNode());
        return ProjectedMessage.exchange(envelope, HistoryKind.EVENT, "inventory-events").withElement(null);
    }

    private static ProjectedMessage.BpmnElement element(String elementId, String stepName) {
        return new ProjectedMessage.BpmnElement(elementId, "order-process", 1L, 1, stepName);
    }

    private static OrderDocument apply(OrderDocument current, ProjectedMessage... messages) {
        return OrderMerge.apply(current, ORDER, List.of(messages));
    }

    static ProjectedMessage state(String id, OrderState state, int second, JsonNode snapshot) {
        var envelope = new Envelope(Envelope.SCHEMA_VERSION, id, state.name(), ORDER, null, "order-process", T0.plusSeconds(second), snapshot);
        return ProjectedMessage.state(envelope, state, "order-state");
    }

    static ProjectedMessage exchange(String id, HistoryKind kind, String step, String type, int second) {
        var envelope = new Envelope(Envelope.SCHEMA_VERSION, id, type, ORDER, id, kind == HistoryKind.COMMAND ? "order-saga-bridge" : step,
                T0.plusSeconds(second), json.createObjectNode());
        return ProjectedMessage.exchange(envelope, kind, step + (kind == HistoryKind.COMMAND ? "-commands" : "-events")).withStep(step);
    }

    static ObjectNode snapshot(String customerId, int total) {
        ObjectNode snapshot = json.createObjectNode();
        snapshot.put("orderId", ORDER);
        snapshot.put("customerId", customerId);
        snapshot.put("email", customerId + "@example.com");
        snapshot.putArray("items").addObject().put("sku", "SKU-1").put("quantity", 2).put("unitPrice", 5.0);
        snapshot.put("total", total);
        snapshot.put("currency", "EUR");
        snapshot.putObject("shippingAddress").put("name", "Ada").put("street", "Main St 1").put("city", "Berlin")
                .put("postalCode", "10115").put("country", "DE");
        snapshot.put("processInstanceKey", 4711L);
        return snapshot;
    }

    private static ObjectNode failedSnapshot() {
        ObjectNode snapshot = snapshot("c-1", 40);
        snapshot.putObject("failureReason").put("step", "Charge payment").put("elementId", "Task_ChargePayment")
                .put("event", "PaymentFailed").put("message", "card declined");
        return snapshot;
    }

    private static List<String> ids(OrderDocument order) {
        return order.history().stream().map(HistoryEntry::id).toList();
    }
}

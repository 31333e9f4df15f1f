package dev.ordersaga.bridge;

import dev.ordersaga.engine.CommandIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SagaStepCatalogTest {

    private final SagaStepCatalog catalog = SagaStepCatalog.at("file:processes/*.bpmn");

    @Test
    void readsEveryStepOfTheOrderProcessFromItsHeaders() {
        assertThat(catalog.steps()).extracting(SagaStep::elementId).contains(
                "Task_ReserveInventory", "Task_ChargePayment", "Task_ScheduleShipment", "Task_NotifyCustomer",
                "Task_ReleaseInventory", "Task_RefundPayment", "Task_CancelShipment", "Task_NotifyFailure");
        SagaStep reserve = catalog.steps().stream().filter(s -> s.elementId().equals("Task_ReserveInventory")).findFirst().orElseThrow();
        assertThat(reserve).isEqualTo(new SagaStep("Task_ReserveInventory", "Reserve inventory", "ReserveInventory",
                "inventory-commands", "inventory-events", List.of("InventoryReserved"), List.of("InventoryCheckKO"), false,
                "reserveInventoryResult"));
        assertThat(catalog.isCompensation("ReleaseInventory")).isTrue();
        assertThat(catalog.isCompensation("RefundPayment")).isTrue();
        assertThat(catalog.isCompensation("CancelShipment")).isTrue();
        assertThat(catalog.isCompensation("ChargePayment")).isFalse();
        assertThat(catalog.steps()).filteredOn(s -> s.elementId().equals("Task_RefundPaymentAfterTimeout")).singleElement()
                .extracting(SagaStep::compensation).isEqualTo(true);
        assertThat(catalog.eventTopics()).containsExactlyInAnyOrder("inventory-events", "payment-events", "shipment-events", "notification-events");
        assertThat(catalog.commandTopics()).containsExactlyInAnyOrder("inventory-commands", "payment-commands", "shipment-commands", "notification-commands");
    }

    @Test
    void classifiesEventsAsTheModelDeclaresThem() {
        assertThat(catalog.classify("PaymentCharged")).isInstanceOf(Outcome.Success.class);
        assertThat(catalog.classify("PaymentKO")).isInstanceOfSatisfying(Outcome.BusinessFailure.class,
                failure -> assertThat(failure.step().name()).isEqualTo("Charge payment"));
        assertThat(catalog.classify("CommandFailed")).isEqualTo(new Outcome.TechnicalFailure("CommandFailed"));
    }

    @Test
    void aStepWithoutItsHeadersIsRejectedNamingWhatIsMissing() {
        assertThatThrownBy(() -> SagaStep.fromHeaders("Task_X", "X", Map.of("commandType", "DoIt", "eventTopic", " ")))
                .isInstanceOf(SagaStep.InvalidStepException.class)
                .hasMessageContaining("Task_X")
                .hasMessageContaining("commandTopic")
                .hasMessageContaining("eventTopic")
                .hasMessageContaining("successEvents");
    }

    @Test
    void anEventCannotBeSuccessAndFailure() {
        var a = new SagaStep("Task_A", "A", "A", "a-commands", "a-events", List.of("Done"), List.of(), false, null);
        var b = new SagaStep("Task_B", "B", "B", "b-commands", "b-events", List.of("Other"), List.of("Done"), false, null);
        assertThatThrownBy(() -> new SagaStepCatalog(List.of(a, b)))
                .isInstanceOf(SagaStep.InvalidStepException.class)
                .hasMessageContaining("Done");
        assertThatThrownBy(() -> SagaStep.fromHeaders("Task_C", "C", Map.of("commandType", "C", "commandTopic", "c", "eventTopic", "e",
                        "successEvents", "Ok, Ko", "failureEvents", "Ko")))
                .hasMessageContaining("both success and failure");
    }

    @Test
    void commandIdsRoundTripTheJobKeyAndRejectForeignIds() {
        assertThat(CommandIds.jobKey(CommandIds.forJob("order-1", 2251799813685343L, 2251799813685344L))).isEqualTo(2251799813685344L);
        assertThat(CommandIds.parse(CommandIds.forJob("6f1c-order", 2251799813685343L, 2251799813685344L)))
                .isEqualTo(new CommandIds.Parts("6f1c-order", 2251799813685343L, 2251799813685344L));
        assertThat(CommandIds.forJob("order-1", 6, 7)).as("the same keys in another engine's life, another order")
                .isNotEqualTo(CommandIds.forJob("order-2", 6, 7));
        assertThatThrownBy(() -> CommandIds.jobKey("cmd-2251799813685344")).as("no order id").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandIds.jobKey("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandIds.jobKey("cmd-x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandIds.jobKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRetryBackoffDoublesPerRetryUsedUpToItsCap() {
        var properties = new BridgeProperties("g", 1, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10));
        assertThat(properties.backoffAfter(0)).hasSeconds(1);
        assertThat(properties.backoffAfter(1)).hasSeconds(2);
        assertThat(properties.backoffAfter(2)).hasSeconds(4);
        assertThat(properties.backoffAfter(3)).hasSeconds(8);
        assertThat(properties.backoffAfter(4)).hasSeconds(10);
        assertThat(properties.backoffAfter(400)).hasSeconds(10);
    }
}

package dev.ordersaga.participants.inventory;

import static dev.ordersaga.participants.support.Commands.CODEC;
import static dev.ordersaga.participants.support.Commands.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.participants.inventory.api.InventoryCommand;
import dev.ordersaga.participants.api.Item;
import dev.ordersaga.participants.inventory.api.ReserveInventory;
import dev.ordersaga.participants.support.MemoryInbox;
import dev.ordersaga.participants.support.Participant;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryHandlerTest {

    private static final String RESERVE = "{\"items\": [{\"sku\": \"book-0001\", \"quantity\": 2, \"unitPrice\": 12.5},"
            + " {\"sku\": \"book-0002\", \"quantity\": 1, \"unitPrice\": \"7.99\"}]}";

    private final Inventory inventory = Inventory.withDemoStock();
    private final InventoryHandler handler = new InventoryHandler(inventory);
    private final Participant<InventoryCommand> participant = new Participant<>(handler, CODEC, new MemoryInbox());

    @Test
    void readsThePayloadTheBpmnBuilds() {
        InventoryCommand command = participant.decode(command("ReserveInventory", "order-1", "cmd-1", RESERVE));

        assertThat(command).isEqualTo(new ReserveInventory(List.of(
                new Item("book-0001", 2, new BigDecimal("12.5")), new Item("book-0002", 1, new BigDecimal("7.99")))));
    }

    @Test
    void reserveIsAnsweredInventoryReservedWithOnlyAReservationId() {
        Envelope reply = participant.process(command("ReserveInventory", "order-1", "cmd-1", RESERVE));

        assertThat(reply.type()).isEqualTo("InventoryReserved");
        assertThat(reply.source()).isEqualTo("inventory");
        assertThat(reply.payload().properties()).extracting(java.util.Map.Entry::getKey).containsExactly("reservationId");
        assertThat(inventory.reservedUnits("order-1")).isEqualTo(3);
    }

    @Test
    void sameCommandIdTwiceMovesStockOnce() {
        Envelope first = participant.process(command("ReserveInventory", "order-1", "cmd-1", RESERVE));
        Envelope second = participant.process(command("ReserveInventory", "order-1", "cmd-1", RESERVE));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.payload()).isEqualTo(first.payload());
        assertThat(inventory.available("book-0001")).isEqualTo(9_998);
    }

    @Test
    void aNewCommandIdForAReservedOrderReAnswersTheReservation() {
        Envelope first = participant.process(command("ReserveInventory", "order-1", "cmd-1", RESERVE));
        Envelope retried = participant.process(command("ReserveInventory", "order-1", "cmd-2", RESERVE));

        assertThat(retried.payload()).isEqualTo(first.payload());
        assertThat(inventory.available("book-0001")).isEqualTo(9_998);
    }

    @Test
    void notEnoughStockIsInventoryCheckKOWithAReason() {
        Envelope reply = participant.process(command("ReserveInventory", "order-1", "cmd-1",
                "{\"items\": [{\"sku\": \"book-0003\", \"quantity\": 10001, \"unitPrice\": 1}]}"));

        assertThat(reply.type()).isEqualTo("InventoryCheckKO");
        assertThat(reply.payload().path("reason").asText()).isEqualTo("Only 10000 units of book-0003 left, 10001 requested");
    }

    @Test
    void releaseIsAnsweredInventoryReleasedAndLateReserveIsRefused() {
        participant.process(command("ReserveInventory", "order-1", "cmd-1", RESERVE));

        Envelope released = participant.process(command("ReleaseInventory", "order-1", "cmd-2", RESERVE));
        Envelope late = participant.process(command("ReserveInventory", "order-1", "cmd-3", RESERVE));

        assertThat(released.type()).isEqualTo("InventoryReleased");
        assertThat(released.payload().path("releasedUnits").asInt()).isEqualTo(3);
        assertThat(late.type()).isEqualTo("InventoryCheckKO");
        assertThat(late.payload().path("reason").asText()).isEqualTo("order order-1 was already compensated");
        assertThat(inventory.available("book-0001")).isEqualTo(10_000);
    }

    @Test
    void payloadsThatDoNotFitAreMalformed() {
        for (String payload : List.of("{}", "{\"items\": []}", "{\"items\": [{\"sku\": \"book-0001\"}]}",
                "{\"items\": [{\"sku\": \"book-0001\", \"quantity\": 1.5}]}",
                "{\"items\": [{\"sku\": \"book-0001\", \"quantity\": -1}]}",
                "{\"items\": [{\"quantity\": 1}]}",
                "{\"items\": \"book-0001\"}")) {
            assertThatThrownBy(() -> participant.process(command("ReserveInventory", "order-1", "cmd-1", payload)))
                    .as(payload)
                    .isInstanceOf(MalformedMessageException.class);
        }
        assertThat(inventory.totalReserved()).isZero();
    }

    @Test
    void anotherParticipantsCommandIsMalformed() {
        assertThatThrownBy(() -> participant.decode(command("ChargePayment", "order-1", "cmd-1", "{}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("ChargePayment");
    }
}

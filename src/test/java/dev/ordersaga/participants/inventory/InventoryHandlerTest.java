package dev.ordersaga.participants.inventory;

import static dev.ordersaga.participants.support.Commands.NO_DATABASE;
import static dev.ordersaga.participants.support.Commands.command;
import static dev.ordersaga.participants.support.Commands.decode;
import static dev.ordersaga.participants.support.Commands.participantOf;
import static dev.ordersaga.participants.support.Commands.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.participants.api.Item;
import dev.ordersaga.participants.inventory.api.InventoryContract.ReserveInventory;
import dev.ordersaga.participants.support.MemoryInbox;
import dev.ordersaga.participants.support.Participant;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the inventory's commands; what they do is InventoryIT's, on the real database. */
class InventoryHandlerTest {

    private static final String RESERVE = "{\"items\": [{\"sku\": \"book-0001\", \"quantity\": 2, \"unitPrice\": 12.5},"
            + " {\"sku\": \"book-0002\", \"quantity\": 1, \"unitPrice\": \"7.99\"}]}";

    /** An inventory on a data source that cannot connect: reading a command never reaches it (see InventoryIT for the rules). */
    private final Participant participant = participantOf(new Inventory(NO_DATABASE), new MemoryInbox());

    @Test
    void readsThePayloadTheBpmnBuilds() {
        Object command = decode(participant, command("ReserveInventory", "order-1", "cmd-1", RESERVE));

        assertThat(command).isEqualTo(new ReserveInventory(List.of(
                new Item("book-0001", 2, new BigDecimal("12.5")), new Item("book-0002", 1, new BigDecimal("7.99")))));
    }

    @Test
    void payloadsThatDoNotFitAreMalformed() {
        for (String payload : List.of("{}", "{\"items\": []}", "{\"items\": [{\"sku\": \"book-0001\"}]}",
                "{\"items\": [{\"sku\": \"book-0001\", \"quantity\": 1.5}]}",
                "{\"items\": [{\"sku\": \"book-0001\", \"quantity\": -1}]}",
                "{\"items\": [{\"quantity\": 1}]}",
                "{\"items\": \"book-0001\"}")) {
            assertThatThrownBy(() -> process(participant, command("ReserveInventory", "order-1", "cmd-1", payload)))
                    .as(payload)
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void anotherParticipantsCommandIsMalformed() {
        assertThatThrownBy(() -> decode(participant, command("ChargePayment", "order-1", "cmd-1", "{}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("ChargePayment");
    }
}

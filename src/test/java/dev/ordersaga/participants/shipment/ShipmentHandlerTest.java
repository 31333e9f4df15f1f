package dev.ordersaga.participants.shipment;

import static dev.ordersaga.participants.support.Commands.NO_DATABASE;
import static dev.ordersaga.participants.support.Commands.command;
import static dev.ordersaga.participants.support.Commands.decode;
import static dev.ordersaga.participants.support.Commands.participantOf;
import static dev.ordersaga.participants.support.Commands.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.participants.shipment.api.ShipmentContract.CancelShipment;
import dev.ordersaga.participants.support.MemoryInbox;
import dev.ordersaga.participants.support.Participant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShipmentHandlerTest {

    private static final String SCHEDULE = "{\"address\": {\"name\": \"Ada Lovelace\", \"street\": \"1 Main St\", \"city\": \"Berlin\","
            + " \"postalCode\": \"10115\", \"country\": \"%s\"}, \"items\": [{\"sku\": \"book-0001\", \"quantity\": 1, \"unitPrice\": 9.5}]}";

    /** Shipments on a data source that cannot connect: reading a command never reaches them (see ShipmentsIT for the rules). */
    private final Participant participant = participantOf(new Shipments(NO_DATABASE), new MemoryInbox());

    @Test
    void cancelTakesAnEmptyPayload() {
        assertThat(decode(participant, command("CancelShipment", "order-1", "cmd-1", "{}"))).isEqualTo(new CancelShipment());
    }

    @Test
    void payloadsThatDoNotFitAreMalformed() {
        for (String payload : List.of("{}", "{\"address\": {\"country\": \"DE\"}}", "{\"address\": \"Berlin\"}")) {
            assertThatThrownBy(() -> process(participant, command("ScheduleShipment", "order-1", "cmd-1", payload)))
                    .as(payload)
                    .isInstanceOf(MalformedMessageException.class);
        }
        assertThatThrownBy(() -> decode(participant, command("ShipIt", "order-1", "cmd-1", "{}")))
                .isInstanceOf(MalformedMessageException.class);
    }
}

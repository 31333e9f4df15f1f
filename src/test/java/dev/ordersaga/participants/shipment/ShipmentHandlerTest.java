package dev.ordersaga.participants.shipment;

import static dev.ordersaga.participants.support.Commands.CODEC;
import static dev.ordersaga.participants.support.Commands.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.MalformedMessageException;
import dev.ordersaga.participants.shipment.api.CancelShipment;
import dev.ordersaga.participants.shipment.api.ShipmentCommand;
import dev.ordersaga.participants.support.MemoryInbox;
import dev.ordersaga.participants.support.Participant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShipmentHandlerTest {

    private static final String SCHEDULE = "{\"address\": {\"name\": \"Ada Lovelace\", \"street\": \"1 Main St\", \"city\": \"Berlin\","
            + " \"postalCode\": \"10115\", \"country\": \"%s\"}, \"items\": [{\"sku\": \"book-0001\", \"quantity\": 1, \"unitPrice\": 9.5}]}";

    private final Shipments shipments = new Shipments();
    private final ShipmentHandler handler = new ShipmentHandler(shipments);
    private final Participant<ShipmentCommand> participant = new Participant<>(handler, CODEC, new MemoryInbox());

    @Test
    void scheduleIsAnsweredShipmentScheduledWithOnlyATrackingNumber() {
        Envelope reply = participant.process(command("ScheduleShipment", "order-1", "cmd-1", SCHEDULE.formatted("DE")));

        assertThat(reply.type()).isEqualTo("ShipmentScheduled");
        assertThat(reply.payload().properties()).extracting(Map.Entry::getKey).containsExactly("trackingNumber");
        assertThat(shipments.trackingNumber("order-1")).contains(reply.payload().path("trackingNumber").asText());
    }

    @Test
    void antarcticaIsShipmentKO() {
        Envelope reply = participant.process(command("ScheduleShipment", "order-1", "cmd-1", SCHEDULE.formatted("AQ")));

        assertThat(reply.type()).isEqualTo("ShipmentKO");
        assertThat(reply.payload().path("reason").asText()).contains("AQ");
    }

    @Test
    void sameCommandIdTwiceSchedulesOnce() {
        Envelope first = participant.process(command("ScheduleShipment", "order-1", "cmd-1", SCHEDULE.formatted("DE")));
        Envelope second = participant.process(command("ScheduleShipment", "order-1", "cmd-1", SCHEDULE.formatted("DE")));

        assertThat(second).isEqualTo(first);
        assertThat(shipments.activeShipments()).isEqualTo(1);
    }

    @Test
    void cancelTakesAnEmptyPayloadAndLateScheduleIsRefused() {
        assertThat(participant.decode(command("CancelShipment", "order-1", "cmd-1", "{}"))).isEqualTo(new CancelShipment());

        Envelope cancelled = participant.process(command("CancelShipment", "order-1", "cmd-1", "{}"));
        Envelope late = participant.process(command("ScheduleShipment", "order-1", "cmd-2", SCHEDULE.formatted("DE")));

        assertThat(cancelled.type()).isEqualTo("ShipmentCancelled");
        assertThat(cancelled.payload().path("cancelled").asBoolean(true)).isFalse();
        assertThat(late.type()).isEqualTo("ShipmentKO");
        assertThat(late.payload().path("reason").asText()).isEqualTo("order order-1 was already compensated");
    }

    @Test
    void payloadsThatDoNotFitAreMalformed() {
        for (String payload : List.of("{}", "{\"address\": {\"country\": \"DE\"}}", "{\"address\": \"Berlin\"}")) {
            assertThatThrownBy(() -> participant.process(command("ScheduleShipment", "order-1", "cmd-1", payload)))
                    .as(payload)
                    .isInstanceOf(MalformedMessageException.class);
        }
        assertThatThrownBy(() -> participant.decode(command("ShipIt", "order-1", "cmd-1", "{}")))
                .isInstanceOf(MalformedMessageException.class);
    }
}

package dev.ordersaga.participants.shipment;

import static dev.ordersaga.participants.shipment.api.ShipmentContract.CANCEL_SHIPMENT;
import static dev.ordersaga.participants.shipment.api.ShipmentContract.SCHEDULE_SHIPMENT;
import static dev.ordersaga.participants.shipment.api.ShipmentContract.SHIPMENT_CANCELLED;
import static dev.ordersaga.participants.shipment.api.ShipmentContract.SHIPMENT_KO;
import static dev.ordersaga.participants.shipment.api.ShipmentContract.SHIPMENT_SCHEDULED;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.participants.shipment.api.CancelShipment;
import dev.ordersaga.participants.shipment.api.ScheduleShipment;
import dev.ordersaga.participants.shipment.api.ShipmentCancelled;
import dev.ordersaga.participants.shipment.api.ShipmentCommand;
import dev.ordersaga.participants.shipment.api.ShipmentContract;
import dev.ordersaga.participants.shipment.api.ShipmentEvent;
import dev.ordersaga.participants.shipment.api.ShipmentKO;
import dev.ordersaga.participants.shipment.api.ShipmentScheduled;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.Outcome;
import java.util.Optional;

/** The shipment's commands on the wire, applied to {@link Shipments}. */
public class ShipmentHandler implements CommandHandler<ShipmentCommand> {

    private final Shipments shipments;
    private final EnvelopeCodec codec;

    public ShipmentHandler(Shipments shipments, EnvelopeCodec codec) {
        this.shipments = shipments;
        this.codec = codec;
    }

    @Override
    public ShipmentCommand decode(Envelope command) {
        return switch (command.type()) {
            case SCHEDULE_SHIPMENT -> codec.fromPayload(command.payload(), ScheduleShipment.class);
            case CANCEL_SHIPMENT -> codec.fromPayload(command.payload(), CancelShipment.class);
            default -> throw CommandHandler.unknownCommand(ShipmentContract.NAME, command, SCHEDULE_SHIPMENT, CANCEL_SHIPMENT);
        };
    }

    @Override
    public Outcome apply(String orderId, ShipmentCommand command) {
        return outcome(switch (command) {
            case ScheduleShipment schedule -> shipments.schedule(orderId, schedule);
            case CancelShipment cancel -> shipments.cancel(orderId, cancel);
        });
    }

    @Override
    public Optional<Outcome> refusal(ShipmentCommand command, String reason) {
        return command instanceof ScheduleShipment ? Optional.of(outcome(new ShipmentKO(reason))) : Optional.empty();
    }

    static Outcome outcome(ShipmentEvent event) {
        return switch (event) {
            case ShipmentScheduled scheduled -> new Outcome(SHIPMENT_SCHEDULED, scheduled);
            case ShipmentKO refused -> new Outcome(SHIPMENT_KO, refused);
            case ShipmentCancelled cancelled -> new Outcome(SHIPMENT_CANCELLED, cancelled);
        };
    }
}

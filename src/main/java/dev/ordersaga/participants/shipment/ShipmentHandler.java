package dev.ordersaga.participants.shipment;

import dev.ordersaga.participants.shipment.api.CancelShipment;
import dev.ordersaga.participants.shipment.api.ScheduleShipment;
import dev.ordersaga.participants.shipment.api.ShipmentCommand;
import dev.ordersaga.participants.shipment.api.ShipmentEvent;
import dev.ordersaga.participants.shipment.api.ShipmentKO;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The shipment's commands, applied to {@link Shipments}. */
@Component
@ConditionalOnParticipants
public class ShipmentHandler implements CommandHandler<ShipmentCommand, ShipmentEvent> {

    private final Shipments shipments;

    public ShipmentHandler(Shipments shipments) {
        this.shipments = shipments;
    }

    @Override
    public String name() {
        return "shipment";
    }

    @Override
    public Class<ShipmentCommand> commands() {
        return ShipmentCommand.class;
    }

    @Override
    public ShipmentEvent apply(String orderId, String commandId, ShipmentCommand command) {
        return switch (command) {
            case ScheduleShipment schedule -> shipments.schedule(orderId, commandId, schedule);
            case CancelShipment cancel -> shipments.cancel(orderId, commandId, cancel);
        };
    }

    @Override
    public Optional<ShipmentEvent> refusal(ShipmentCommand command, String reason) {
        return command instanceof ScheduleShipment ? Optional.of(new ShipmentKO(reason)) : Optional.empty();
    }
}

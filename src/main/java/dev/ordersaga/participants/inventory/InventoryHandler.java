package dev.ordersaga.participants.inventory;

import static dev.ordersaga.participants.inventory.api.InventoryContract.INVENTORY_CHECK_KO;
import static dev.ordersaga.participants.inventory.api.InventoryContract.INVENTORY_RELEASED;
import static dev.ordersaga.participants.inventory.api.InventoryContract.INVENTORY_RESERVED;
import static dev.ordersaga.participants.inventory.api.InventoryContract.RELEASE_INVENTORY;
import static dev.ordersaga.participants.inventory.api.InventoryContract.RESERVE_INVENTORY;

import dev.ordersaga.messaging.Envelope;
import dev.ordersaga.messaging.EnvelopeCodec;
import dev.ordersaga.participants.inventory.api.InventoryCheckKO;
import dev.ordersaga.participants.inventory.api.InventoryCommand;
import dev.ordersaga.participants.inventory.api.InventoryContract;
import dev.ordersaga.participants.inventory.api.InventoryEvent;
import dev.ordersaga.participants.inventory.api.InventoryReleased;
import dev.ordersaga.participants.inventory.api.InventoryReserved;
import dev.ordersaga.participants.inventory.api.ReleaseInventory;
import dev.ordersaga.participants.inventory.api.ReserveInventory;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.Outcome;
import java.util.Optional;

/** The inventory's commands on the wire, applied to {@link Inventory}. */
public class InventoryHandler implements CommandHandler<InventoryCommand> {

    private final Inventory inventory;
    private final EnvelopeCodec codec;

    public InventoryHandler(Inventory inventory, EnvelopeCodec codec) {
        this.inventory = inventory;
        this.codec = codec;
    }

    @Override
    public InventoryCommand decode(Envelope command) {
        return switch (command.type()) {
            case RESERVE_INVENTORY -> codec.fromPayload(command.payload(), ReserveInventory.class);
            case RELEASE_INVENTORY -> codec.fromPayload(command.payload(), ReleaseInventory.class);
            default -> throw CommandHandler.unknownCommand(InventoryContract.NAME, command, RESERVE_INVENTORY, RELEASE_INVENTORY);
        };
    }

    @Override
    public Outcome apply(String orderId, InventoryCommand command) {
        return outcome(switch (command) {
            case ReserveInventory reserve -> inventory.reserve(orderId, reserve);
            case ReleaseInventory release -> inventory.release(orderId, release);
        });
    }

    @Override
    public Optional<Outcome> refusal(InventoryCommand command, String reason) {
        return command instanceof ReserveInventory ? Optional.of(outcome(new InventoryCheckKO(reason))) : Optional.empty();
    }

    static Outcome outcome(InventoryEvent event) {
        return switch (event) {
            case InventoryReserved reserved -> new Outcome(INVENTORY_RESERVED, reserved);
            case InventoryCheckKO refused -> new Outcome(INVENTORY_CHECK_KO, refused);
            case InventoryReleased released -> new Outcome(INVENTORY_RELEASED, released);
        };
    }
}

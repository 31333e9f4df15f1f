package dev.ordersaga.participants.inventory;

import dev.ordersaga.participants.inventory.api.InventoryCheckKO;
import dev.ordersaga.participants.inventory.api.InventoryCommand;
import dev.ordersaga.participants.inventory.api.InventoryEvent;
import dev.ordersaga.participants.inventory.api.ReleaseInventory;
import dev.ordersaga.participants.inventory.api.ReserveInventory;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The inventory's commands, applied to {@link Inventory}. */
@Component
@ConditionalOnParticipants
public class InventoryHandler implements CommandHandler<InventoryCommand, InventoryEvent> {

    private final Inventory inventory;

    public InventoryHandler(Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public String name() {
        return "inventory";
    }

    @Override
    public Class<InventoryCommand> commands() {
        return InventoryCommand.class;
    }

    @Override
    public InventoryEvent apply(String orderId, String commandId, InventoryCommand command) {
        return switch (command) {
            case ReserveInventory reserve -> inventory.reserve(orderId, commandId, reserve);
            case ReleaseInventory release -> inventory.release(orderId, commandId, release);
        };
    }

    @Override
    public Optional<InventoryEvent> refusal(InventoryCommand command, String reason) {
        return command instanceof ReserveInventory ? Optional.of(new InventoryCheckKO(reason)) : Optional.empty();
    }
}

package dev.ordersaga.participants.inventory.api;

/** Names fixed by the BPMN: topics, command types and event types of the inventory participant. */
public final class InventoryContract {

    /** The participant's name: the {@code source} of its replies. */
    public static final String NAME = "inventory";

    public static final String COMMAND_TOPIC = "inventory-commands";
    public static final String EVENT_TOPIC = "inventory-events";

    public static final String RESERVE_INVENTORY = "ReserveInventory";
    public static final String RELEASE_INVENTORY = "ReleaseInventory";

    public static final String INVENTORY_RESERVED = "InventoryReserved";
    public static final String INVENTORY_CHECK_KO = "InventoryCheckKO";
    public static final String INVENTORY_RELEASED = "InventoryReleased";

    private InventoryContract() {}
}

package dev.ordersaga.participants.shipment.api;

/** Names fixed by the BPMN: topics, command types and event types of the shipment participant. */
public final class ShipmentContract {

    /** The participant's name: the {@code source} of its replies. */
    public static final String NAME = "shipment";

    public static final String COMMAND_TOPIC = "shipment-commands";
    public static final String EVENT_TOPIC = "shipment-events";

    public static final String SCHEDULE_SHIPMENT = "ScheduleShipment";
    public static final String CANCEL_SHIPMENT = "CancelShipment";

    public static final String SHIPMENT_SCHEDULED = "ShipmentScheduled";
    public static final String SHIPMENT_KO = "ShipmentKO";
    public static final String SHIPMENT_CANCELLED = "ShipmentCancelled";

    private ShipmentContract() {}
}

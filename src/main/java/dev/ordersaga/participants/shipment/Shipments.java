package dev.ordersaga.participants.shipment;

import dev.ordersaga.participants.shipment.api.ShipmentContract.CancelShipment;
import dev.ordersaga.participants.shipment.api.ShipmentContract.ScheduleShipment;
import dev.ordersaga.participants.shipment.api.ShipmentContract.ShipmentCancelled;
import dev.ordersaga.participants.shipment.api.ShipmentContract.ShipmentEvent;
import dev.ordersaga.participants.shipment.api.ShipmentContract.ShipmentKO;
import dev.ordersaga.participants.shipment.api.ShipmentContract.ShipmentScheduled;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.CommandHandler.OnCommand;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.store.CompensableStep;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The orders' shipments: one per order, with a tracking number, to any country the demo carrier serves. */
@CommandHandler(name = Shipments.PARTICIPANT)
@ConditionalOnParticipants
public final class Shipments extends CompensableStep<String> {

    public static final String PARTICIPANT = "shipment";
    public static final Set<String> UNSERVED_COUNTRIES = Set.of("AQ");

    public Shipments(ParticipantStore store) {
        super(store, "shipment", "scheduled", "cancelled");
    }

    /** The tracking number. */
    @Override
    protected String row(ResultSet rs) throws SQLException {
        return rs.getString("tracking_number");
    }

    @OnCommand(refusal = ShipmentKO.class)
    public ShipmentEvent schedule(String orderId, String commandId, ScheduleShipment command) {
        return forward(orderId, ShipmentScheduled::new, ShipmentKO::new, () -> {
            String country = command.address().country().strip().toUpperCase(Locale.ROOT);
            if (UNSERVED_COUNTRIES.contains(country)) {
                String name = Locale.of("", country).getDisplayCountry(Locale.ENGLISH);
                String reason = "We do not ship to " + (name.isBlank() || name.equals(country) ? country : name) + " (" + country + ")";
                sql("insert into shipment (order_id, outcome, country, reason) values (?, 'refused', ?, ?)").params(orderId, country, reason).update();
                return new ShipmentKO(reason);
            }
            String trackingNumber = "TRK-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
            sql("insert into shipment (order_id, outcome, tracking_number, country) values (?, 'scheduled', ?, ?)")
                    .params(orderId, trackingNumber, country).update();
            store.record(LedgerEntry.of(PARTICIPANT, orderId, "scheduled", commandId, trackingNumber));
            return new ShipmentScheduled(trackingNumber);
        });
    }

    /** Answers {@code cancelled: false} when there was no shipment to cancel. */
    @OnCommand
    public ShipmentCancelled cancel(String orderId, String commandId, CancelShipment command) {
        return compensate(orderId, trackingNumber -> {
            store.record(LedgerEntry.of(PARTICIPANT, orderId, "cancelled", commandId, trackingNumber));
            return new ShipmentCancelled(true);
        }, trackingNumber -> new ShipmentCancelled(trackingNumber != null), () -> new ShipmentCancelled(false));
    }
}

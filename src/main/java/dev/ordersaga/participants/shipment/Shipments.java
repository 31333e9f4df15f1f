package dev.ordersaga.participants.shipment;

import dev.ordersaga.participants.shipment.api.CancelShipment;
import dev.ordersaga.participants.shipment.api.ScheduleShipment;
import dev.ordersaga.participants.shipment.api.ShipmentCancelled;
import dev.ordersaga.participants.shipment.api.ShipmentEvent;
import dev.ordersaga.participants.shipment.api.ShipmentKO;
import dev.ordersaga.participants.shipment.api.ShipmentScheduled;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The orders' shipments, in the participants' database (table {@code shipment}, the ledger and the compensation
 * markers), written inside their command's transaction ({@link ParticipantStore#handle}) with the order's row locked.
 */
@Component
@ConditionalOnParticipants
public final class Shipments {

    /** Countries the demo carrier does not serve. */
    public static final Set<String> UNSERVED_COUNTRIES = Set.of("AQ");
    /** The participant's name in the store (inbox, ledger, compensation markers). */
    public static final String PARTICIPANT = "shipment";

    /** What an order has at the shipment participant: its row in {@code shipment}. */
    private record OrderShipment(String outcome, String trackingNumber, String reason) {}

    private final JdbcClient jdbc;
    private final ParticipantStore store;

    public Shipments(DataSource participantsDataSource, ParticipantStore store) {
        this.jdbc = JdbcClient.create(participantsDataSource);
        this.store = store;
    }

    /**
     * Schedules the order's shipment unless its country is not served. An order that already has an outcome gets it
     * again (one shipment per order); an order that was compensated is refused.
     */
    public ShipmentEvent schedule(String orderId, String commandId, ScheduleShipment command) {
        Optional<OrderShipment> existing = lock(orderId);
        if (existing.isPresent()) {
            return switch (existing.get().outcome()) {
                case "scheduled" -> new ShipmentScheduled(existing.get().trackingNumber());
                case "refused" -> new ShipmentKO(existing.get().reason());
                default -> new ShipmentKO(compensated(orderId));
            };
        }
        if (store.isCompensated(PARTICIPANT, orderId)) {
            return new ShipmentKO(compensated(orderId));
        }
        String country = command.address().country().strip().toUpperCase(Locale.ROOT);
        if (UNSERVED_COUNTRIES.contains(country)) {
            String reason = "We do not ship to " + countryName(country) + " (" + country + ")";
            jdbc.sql("insert into shipment (order_id, outcome, country, reason) values (?, 'refused', ?, ?)").params(orderId, country, reason).update();
            return new ShipmentKO(reason);
        }
        String trackingNumber = "TRK-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        jdbc.sql("insert into shipment (order_id, outcome, tracking_number, country) values (?, 'scheduled', ?, ?)")
                .params(orderId, trackingNumber, country).update();
        store.record(LedgerEntry.of(PARTICIPANT, orderId, "scheduled", commandId).withReference(trackingNumber));
        return new ShipmentScheduled(trackingNumber);
    }

    /**
     * Cancels the order's shipment and marks the order as compensated. Cancelling an order without a shipment answers
     * {@code cancelled: false}; cancelling twice cancels once.
     */
    public ShipmentCancelled cancel(String orderId, String commandId, CancelShipment command) {
        Optional<OrderShipment> existing = lock(orderId);
        store.markCompensated(PARTICIPANT, orderId);
        if (existing.isEmpty()) {
            jdbc.sql("insert into shipment (order_id, outcome) values (?, 'cancelled')").param(orderId).update();
            return new ShipmentCancelled(false);
        }
        OrderShipment shipment = existing.get();
        return switch (shipment.outcome()) {
            case "scheduled" -> {
                jdbc.sql("update shipment set outcome = 'cancelled' where order_id = ?").param(orderId).update();
                store.record(LedgerEntry.of(PARTICIPANT, orderId, "cancelled", commandId).withReference(shipment.trackingNumber()));
                yield new ShipmentCancelled(true);
            }
            case "cancelled" -> new ShipmentCancelled(shipment.trackingNumber() != null);
            default -> {
                jdbc.sql("update shipment set outcome = 'cancelled' where order_id = ?").param(orderId).update();
                yield new ShipmentCancelled(false);
            }
        };
    }

    /** The tracking number of the order's shipment, if it has one that is not cancelled. */
    public Optional<String> trackingNumber(String orderId) {
        return jdbc.sql("select tracking_number from shipment where order_id = ? and outcome = 'scheduled'").param(orderId).query(String.class)
                .optional();
    }

    /** Whether the order was cancelled (compensated) here. */
    public boolean isCancelled(String orderId) {
        return store.isCompensated(PARTICIPANT, orderId);
    }

    private Optional<OrderShipment> lock(String orderId) {
        return jdbc.sql("select outcome, tracking_number, reason from shipment where order_id = ? for update").param(orderId)
                .query((rs, row) -> new OrderShipment(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    private static String compensated(String orderId) {
        return "order " + orderId + " was already compensated";
    }

    private static String countryName(String code) {
        String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isBlank() || name.equals(code) ? code : name;
    }
}

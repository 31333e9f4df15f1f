package dev.ordersaga.participants.inventory;

import dev.ordersaga.participants.inventory.api.InventoryContract.InventoryCheckKO;
import dev.ordersaga.participants.inventory.api.InventoryContract.InventoryEvent;
import dev.ordersaga.participants.inventory.api.InventoryContract.InventoryReleased;
import dev.ordersaga.participants.inventory.api.InventoryContract.InventoryReserved;
import dev.ordersaga.participants.inventory.api.InventoryContract.ReleaseInventory;
import dev.ordersaga.participants.inventory.api.InventoryContract.ReserveInventory;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.CommandHandler.OnCommand;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.store.CompensableStep;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stock and reservations: a reservation is all items or none, at most one per order. The stock rows are locked in SKU
 * order, so that two reservations never deadlock; the demo catalogue is seeded by the migrations.
 */
@CommandHandler(name = Inventory.PARTICIPANT)
@ConditionalOnParticipants
public final class Inventory extends CompensableStep<Inventory.Reservation> {

    public static final String PARTICIPANT = "inventory";

    record Reservation(String reservationId, int units) {}

    public Inventory(ParticipantStore store) {
        super(store, PARTICIPANT, "reservation", "reserved", "released");
    }

    @Override
    protected Reservation row(ResultSet rs) throws SQLException {
        return new Reservation(rs.getString("reservation_id"), rs.getInt("units"));
    }

    @OnCommand(refusal = InventoryCheckKO.class)
    public InventoryEvent reserve(String orderId, String commandId, ReserveInventory command) {
        return forward(orderId, reservation -> new InventoryReserved(reservation.reservationId()), InventoryCheckKO::new, () -> {
            var wanted = new LinkedHashMap<String, Integer>();
            command.items().forEach(item -> wanted.merge(item.sku(), item.quantity(), Math::addExact));
            var left = new TreeMap<String, Integer>();
            for (String sku : new TreeMap<>(wanted).keySet()) {
                sql("select available from stock where sku = ? for update").param(sku).query(Integer.class).optional()
                        .ifPresent(units -> left.put(sku, units));
            }
            var problems = new ArrayList<String>();
            wanted.forEach((sku, units) -> {
                if (!left.containsKey(sku)) {
                    problems.add("Unknown SKU " + sku);
                } else if (left.get(sku) < units) {
                    problems.add("Only " + left.get(sku) + " units of " + sku + " left, " + units + " requested");
                }
            });
            if (!problems.isEmpty()) {
                String reason = String.join("; ", problems);
                sql("insert into reservation (order_id, outcome, reason) values (?, 'refused', ?)").params(orderId, reason).update();
                return new InventoryCheckKO(reason);
            }
            String reservationId = "RES-" + UUID.randomUUID();
            sql("insert into reservation (order_id, outcome, reservation_id, units) values (?, 'reserved', ?, ?)")
                    .params(orderId, reservationId, wanted.values().stream().mapToInt(Integer::intValue).sum()).update();
            wanted.forEach((sku, units) -> {
                sql("update stock set available = available - ? where sku = ?").params(units, sku).update();
                sql("insert into reservation_item (order_id, sku, units) values (?, ?, ?)").params(orderId, sku, units).update();
                store.record(LedgerEntry.of(PARTICIPANT, orderId, "reserved", commandId, reservationId).withStock(sku, units));
            });
            return new InventoryReserved(reservationId);
        });
    }

    /** Releases what the order holds, whatever the command's items say. */
    @OnCommand
    public InventoryReleased release(String orderId, String commandId, ReleaseInventory command) {
        return compensate(orderId, reservation -> {
            var items = new TreeMap<String, Integer>();
            sql("select sku, units from reservation_item where order_id = ?").param(orderId).query(rs -> {
                items.put(rs.getString(1), rs.getInt(2));
            });
            items.forEach((sku, units) -> {
                sql("update stock set available = available + ? where sku = ?").params(units, sku).update();
                store.record(LedgerEntry.of(PARTICIPANT, orderId, "released", commandId, reservation.reservationId()).withStock(sku, units));
            });
            return new InventoryReleased(reservation.units());
        }, reservation -> new InventoryReleased(reservation.units()), () -> new InventoryReleased(0));
    }
}

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stock and reservations: a reservation is all items or none, at most one per order; the demo catalogue is seeded by the
 * migrations.
 */
@CommandHandler(name = Inventory.PARTICIPANT)
@ConditionalOnParticipants
public final class Inventory extends CompensableStep<Inventory.Reservation> {

    public static final String PARTICIPANT = "inventory";

    record Reservation(String reservationId, int units) {}

    public Inventory(ParticipantStore store) {
        super(store, "reservation", "reserved", "released");
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
            var left = new HashMap<String, Integer>();
            // Locked in SKU order, so that two reservations never deadlock.
            sql("select sku, available from stock where sku = any(?) order by sku for update").param(wanted.keySet().toArray(String[]::new))
                    .query(rs -> {
                        left.put(rs.getString(1), rs.getInt(2));
                    });
            String problems = wanted.entrySet().stream().filter(want -> left.getOrDefault(want.getKey(), 0) < want.getValue())
                    .map(want -> left.containsKey(want.getKey())
                            ? "Only " + left.get(want.getKey()) + " units of " + want.getKey() + " left, " + want.getValue() + " requested"
                            : "Unknown SKU " + want.getKey())
                    .collect(Collectors.joining("; "));
            if (!problems.isEmpty()) {
                sql("insert into reservation (order_id, outcome, reason) values (?, 'refused', ?)").params(orderId, problems).update();
                return new InventoryCheckKO(problems);
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

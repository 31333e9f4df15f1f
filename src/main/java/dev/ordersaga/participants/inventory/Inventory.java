package dev.ordersaga.participants.inventory;

import dev.ordersaga.participants.api.Item;
import dev.ordersaga.participants.inventory.api.InventoryCheckKO;
import dev.ordersaga.participants.inventory.api.InventoryEvent;
import dev.ordersaga.participants.inventory.api.InventoryReleased;
import dev.ordersaga.participants.inventory.api.InventoryReserved;
import dev.ordersaga.participants.inventory.api.ReleaseInventory;
import dev.ordersaga.participants.inventory.api.ReserveInventory;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stock and reservations, in the participants' database (tables {@code stock}, {@code reservation}, {@code
 * reservation_item}, the ledger and the compensation markers; the demo catalogue is seeded by the migrations).
 * {@link #reserve} and {@link #release} run inside their command's transaction ({@link ParticipantStore#handle}): the
 * order's reservation and the stock rows are locked ({@code SELECT … FOR UPDATE}, SKUs in order, so that two
 * reservations never deadlock), so replicas sharing the database never oversell nor reserve an order twice.
 */
@Component
@ConditionalOnParticipants
public final class Inventory {

    /** SKUs of the demo catalogue: {@code book-0001} … {@code book-0100}. */
    public static final int DEMO_SKUS = 100;
    /** Units of each demo SKU at start. */
    public static final int DEMO_UNITS = 10_000;
    /** The participant's name in the store (inbox, ledger, compensation markers). */
    public static final String PARTICIPANT = "inventory";

    /** What an order has at the inventory: its row in {@code reservation}. */
    private record OrderStock(String outcome, String reservationId, int units, String reason) {}

    private final JdbcClient jdbc;
    private final ParticipantStore store;

    public Inventory(DataSource participantsDataSource, ParticipantStore store) {
        this.jdbc = JdbcClient.create(participantsDataSource);
        this.store = store;
    }

    /**
     * Reserves all items for the order, or none. An order that already has an outcome gets it again (one reservation
     * per order); an order that was compensated is refused.
     */
    public InventoryEvent reserve(String orderId, String commandId, ReserveInventory command) {
        Optional<OrderStock> existing = lock(orderId);
        if (existing.isPresent()) {
            return switch (existing.get().outcome()) {
                case "reserved" -> new InventoryReserved(existing.get().reservationId());
                case "refused" -> new InventoryCheckKO(existing.get().reason());
                default -> new InventoryCheckKO(compensated(orderId));
            };
        }
        if (store.isCompensated(PARTICIPANT, orderId)) {
            return new InventoryCheckKO(compensated(orderId));
        }
        Map<String, Integer> wanted = unitsBySku(command.items());
        var left = new TreeMap<String, Integer>(); // locked in SKU order, so that two reservations never deadlock
        for (String sku : new TreeMap<>(wanted).keySet()) {
            jdbc.sql("select available from stock where sku = ? for update").param(sku).query(Integer.class).optional()
                    .ifPresent(units -> left.put(sku, units));
        }
        var problems = new ArrayList<String>();
        wanted.forEach((sku, units) -> {
            Integer available = left.get(sku);
            if (available == null) {
                problems.add("Unknown SKU " + sku);
            } else if (available < units) {
                problems.add("Only " + available + " units of " + sku + " left, " + units + " requested");
            }
        });
        if (!problems.isEmpty()) {
            String reason = String.join("; ", problems);
            jdbc.sql("insert into reservation (order_id, outcome, reason) values (?, 'refused', ?)").params(orderId, reason).update();
            return new InventoryCheckKO(reason);
        }
        String reservationId = "RES-" + UUID.randomUUID();
        int total = wanted.values().stream().mapToInt(Integer::intValue).sum();
        jdbc.sql("insert into reservation (order_id, outcome, reservation_id, units) values (?, 'reserved', ?, ?)")
                .params(orderId, reservationId, total).update();
        wanted.forEach((sku, units) -> {
            jdbc.sql("update stock set available = available - ? where sku = ?").params(units, sku).update();
            jdbc.sql("insert into reservation_item (order_id, sku, units) values (?, ?, ?)").params(orderId, sku, units).update();
            store.record(LedgerEntry.of(PARTICIPANT, orderId, "reserved", commandId).withStock(sku, units).withReference(reservationId));
        });
        return new InventoryReserved(reservationId);
    }

    /**
     * Releases what the order holds (the items of the command are not needed) and marks the order as compensated.
     * Releasing an order without a reservation releases 0 units; releasing twice releases once.
     */
    public InventoryReleased release(String orderId, String commandId, ReleaseInventory command) {
        Optional<OrderStock> existing = lock(orderId);
        store.markCompensated(PARTICIPANT, orderId);
        if (existing.isEmpty()) {
            jdbc.sql("insert into reservation (order_id, outcome) values (?, 'released')").param(orderId).update();
            return new InventoryReleased(0);
        }
        OrderStock stock = existing.get();
        return switch (stock.outcome()) {
            case "reserved" -> {
                for (Map.Entry<String, Integer> item : items(orderId).entrySet()) {
                    jdbc.sql("update stock set available = available + ? where sku = ?").params(item.getValue(), item.getKey()).update();
                    store.record(LedgerEntry.of(PARTICIPANT, orderId, "released", commandId).withStock(item.getKey(), item.getValue())
                            .withReference(stock.reservationId()));
                }
                jdbc.sql("update reservation set outcome = 'released' where order_id = ?").param(orderId).update();
                yield new InventoryReleased(stock.units());
            }
            case "released" -> new InventoryReleased(stock.units());
            default -> {
                jdbc.sql("update reservation set outcome = 'released', units = 0 where order_id = ?").param(orderId).update();
                yield new InventoryReleased(0);
            }
        };
    }

    /** Sets the stock of a SKU (adds it if new): for tests and operations. */
    public void restock(String sku, int units) {
        if (units < 0) {
            throw new IllegalArgumentException("Stock of " + sku + " must not be negative, is " + units);
        }
        jdbc.sql("insert into stock (sku, available) values (?, ?) on conflict (sku) do update set available = excluded.available")
                .params(sku, units).update();
    }

    /** Units of this SKU left to reserve (0 for an unknown SKU). */
    public int available(String sku) {
        return jdbc.sql("select available from stock where sku = ?").param(sku).query(Integer.class).optional().orElse(0);
    }

    /** Units the order holds now (0 if it has no reservation or it was released). */
    public int reservedUnits(String orderId) {
        return jdbc.sql("select units from reservation where order_id = ? and outcome = 'reserved'").param(orderId).query(Integer.class)
                .optional().orElse(0);
    }

    /** Units of this SKU held by all orders now. */
    public int reservedUnitsOf(String sku) {
        return jdbc.sql("""
                select coalesce(sum(i.units), 0) from reservation_item i join reservation r on r.order_id = i.order_id
                where i.sku = ? and r.outcome = 'reserved'""").param(sku).query(Integer.class).single();
    }

    /** Whether the order was released (compensated) here. */
    public boolean isCompensated(String orderId) {
        return store.isCompensated(PARTICIPANT, orderId);
    }

    private Optional<OrderStock> lock(String orderId) {
        return jdbc.sql("select outcome, reservation_id, units, reason from reservation where order_id = ? for update").param(orderId)
                .query((rs, row) -> new OrderStock(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4))).optional();
    }

    private Map<String, Integer> items(String orderId) {
        var items = new TreeMap<String, Integer>();
        jdbc.sql("select sku, units from reservation_item where order_id = ? order by sku").param(orderId)
                .query(rs -> {
                    items.put(rs.getString(1), rs.getInt(2));
                });
        return items;
    }

    /** The units wanted per SKU, in the order of the items. */
    private static Map<String, Integer> unitsBySku(List<Item> items) {
        var units = new LinkedHashMap<String, Integer>();
        items.forEach(item -> units.merge(item.sku(), item.quantity(), Math::addExact));
        return units;
    }

    private static String compensated(String orderId) {
        return "order " + orderId + " was already compensated";
    }
}

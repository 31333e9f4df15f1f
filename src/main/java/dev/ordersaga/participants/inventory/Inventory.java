package dev.ordersaga.participants.inventory;

import dev.ordersaga.participants.inventory.api.InventoryCheckKO;
import dev.ordersaga.participants.inventory.api.InventoryEvent;
import dev.ordersaga.participants.inventory.api.InventoryReleased;
import dev.ordersaga.participants.inventory.api.InventoryReserved;
import dev.ordersaga.participants.api.Item;
import dev.ordersaga.participants.inventory.api.ReleaseInventory;
import dev.ordersaga.participants.inventory.api.ReserveInventory;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.ParticipantsProperties;
import dev.ordersaga.participants.support.RecentEntries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Stock and reservations, in memory. Every operation runs under one lock: a reservation checks and takes
 * several SKUs at once, and the critical sections are a few map updates.
 */
@Component
@ConditionalOnParticipants
public final class Inventory {

    /** SKUs of the demo catalogue: {@code book-0001} … {@code book-0100}. */
    public static final int DEMO_SKUS = 100;
    /** Units of each demo SKU at start. */
    public static final int DEMO_UNITS = 10_000;

    /** What an order has at the inventory. */
    private sealed interface OrderStock {
        record Reserved(String reservationId, Map<String, Integer> units) implements OrderStock {
            int total() {
                return units.values().stream().mapToInt(Integer::intValue).sum();
            }
        }

        record Refused(String reason) implements OrderStock {}

        /** Compensated: whatever it held was released. */
        record Released(int releasedUnits) implements OrderStock {}
    }

    private final Object lock = new Object();
    private final Map<String, Integer> available; // guarded by lock
    private final Map<String, OrderStock> orders; // the most recent orders; guarded by lock

    /** An inventory with this stock (SKU → units). */
    public Inventory(Map<String, Integer> stock) {
        this(stock, ParticipantsProperties.DEFAULT_REMEMBERED_ORDERS);
    }

    /**
     * An inventory with this stock (SKU → units) that remembers this many orders, the most recent ones; see {@link
     * ParticipantsProperties#rememberedOrders()} (the release of a forgotten order's reservation releases nothing).
     */
    public Inventory(Map<String, Integer> stock, int rememberedOrders) {
        this.orders = new RecentEntries<>(rememberedOrders);
        stock.forEach((sku, units) -> {
            if (units < 0) {
                throw new IllegalArgumentException("Stock of " + sku + " must not be negative, is " + units);
            }
        });
        this.available = new HashMap<>(stock);
    }

    /** The demo catalogue, remembering {@code order-saga.participants.remembered-orders} orders: the application's inventory. */
    @Autowired
    public Inventory(ParticipantsProperties participants) {
        this(demoStock(), participants.rememberedOrders());
    }

    /** The demo catalogue: {@code book-0001} … {@code book-0100}, {@value #DEMO_UNITS} units each. */
    public static Inventory withDemoStock() {
        return withDemoStock(ParticipantsProperties.DEFAULT_REMEMBERED_ORDERS);
    }

    /** The demo catalogue, remembering this many orders (see {@link ParticipantsProperties#rememberedOrders()}). */
    public static Inventory withDemoStock(int rememberedOrders) {
        return new Inventory(demoStock(), rememberedOrders);
    }

    private static Map<String, Integer> demoStock() {
        var stock = new LinkedHashMap<String, Integer>();
        for (int i = 1; i <= DEMO_SKUS; i++) {
            stock.put(String.format("book-%04d", i), DEMO_UNITS);
        }
        return stock;
    }

    /**
     * Reserves all items for the order, or none. An order that already has an outcome gets it again
     * (one reservation per order); an order that was released is refused.
     */
    public InventoryEvent reserve(String orderId, ReserveInventory command) {
        synchronized (lock) {
            return switch (orders.get(orderId)) {
                case null -> {
                    Map<String, Integer> wanted = unitsBySku(command.items());
                    List<String> problems = shortages(wanted);
                    if (!problems.isEmpty()) {
                        String reason = String.join("; ", problems);
                        orders.put(orderId, new OrderStock.Refused(reason));
                        yield new InventoryCheckKO(reason);
                    }
                    wanted.forEach((sku, units) -> available.merge(sku, -units, Integer::sum));
                    var reserved = new OrderStock.Reserved("RES-" + UUID.randomUUID(), Map.copyOf(wanted));
                    orders.put(orderId, reserved);
                    yield new InventoryReserved(reserved.reservationId());
                }
                case OrderStock.Reserved reserved -> new InventoryReserved(reserved.reservationId());
                case OrderStock.Refused refused -> new InventoryCheckKO(refused.reason());
                case OrderStock.Released released -> new InventoryCheckKO("order " + orderId + " was already compensated");
            };
        }
    }

    /**
     * Releases what the order holds (the items of the command are not needed) and marks the order as
     * compensated. Releasing an order without a reservation releases 0 units; releasing twice releases once.
     */
    public InventoryReleased release(String orderId, ReleaseInventory command) {
        synchronized (lock) {
            return switch (orders.get(orderId)) {
                case OrderStock.Reserved reserved -> {
                    reserved.units().forEach((sku, units) -> available.merge(sku, units, Integer::sum));
                    orders.put(orderId, new OrderStock.Released(reserved.total()));
                    yield new InventoryReleased(reserved.total());
                }
                case OrderStock.Released released -> new InventoryReleased(released.releasedUnits());
                case null, default -> {
                    orders.put(orderId, new OrderStock.Released(0));
                    yield new InventoryReleased(0);
                }
            };
        }
    }

    /** Units of this SKU left to reserve (0 for an unknown SKU). */
    public int available(String sku) {
        synchronized (lock) {
            return available.getOrDefault(sku, 0);
        }
    }

    /** Units the order holds now (0 if it has no reservation or it was released). */
    public int reservedUnits(String orderId) {
        synchronized (lock) {
            return orders.get(orderId) instanceof OrderStock.Reserved reserved ? reserved.total() : 0;
        }
    }

    /** Units held by all orders now. */
    public int totalReserved() {
        synchronized (lock) {
            return orders.values().stream()
                    .mapToInt(stock -> stock instanceof OrderStock.Reserved reserved ? reserved.total() : 0)
                    .sum();
        }
    }

    /** Whether the order was released (compensated) here. */
    public boolean isCompensated(String orderId) {
        synchronized (lock) {
            return orders.get(orderId) instanceof OrderStock.Released;
        }
    }

    private static Map<String, Integer> unitsBySku(List<Item> items) {
        var units = new LinkedHashMap<String, Integer>();
        items.forEach(item -> units.merge(item.sku(), item.quantity(), Math::addExact));
        return units;
    }

    /** Why these units cannot be reserved, one sentence per SKU; empty if they can. Caller holds the lock. */
    private List<String> shortages(Map<String, Integer> wanted) {
        var problems = new ArrayList<String>();
        wanted.forEach((sku, units) -> {
            Integer left = available.get(sku);
            if (left == null) {
                problems.add("Unknown SKU " + sku);
            } else if (left < units) {
                problems.add("Only " + left + " units of " + sku + " left, " + units + " requested");
            }
        });
        return problems;
    }
}

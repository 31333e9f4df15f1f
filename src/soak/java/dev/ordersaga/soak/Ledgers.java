package dev.ordersaga.soak;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The truth the soak audits against: what the reference participants did, read with JDBC from their database (the
 * append-only {@code ledger} table, and {@code stock}: src/main/resources/db/participants).
 */
final class Ledgers {

    /** One row of the ledger. */
    record Entry(String participant, String orderId, String entry, String sku, int quantity, BigDecimal amount) {}

    /** What one order kept, from its ledger entries. */
    record Kept(Map<String, Integer> reservedBySku, Map<String, Integer> releasedBySku, int charges, BigDecimal charged, BigDecimal refunded,
            int scheduled, int cancelled, int notified) {

        static Kept of(List<Entry> entries) {
            var reserved = new HashMap<String, Integer>();
            var released = new HashMap<String, Integer>();
            int charges = 0;
            int scheduled = 0;
            int cancelled = 0;
            int notified = 0;
            BigDecimal charged = BigDecimal.ZERO;
            BigDecimal refunded = BigDecimal.ZERO;
            for (Entry e : entries) {
                switch (e.entry()) {
                    case "reserved" -> reserved.merge(e.sku(), e.quantity(), Integer::sum);
                    case "released" -> released.merge(e.sku(), e.quantity(), Integer::sum);
                    case "charged" -> {
                        charges++;
                        charged = charged.add(e.amount());
                    }
                    case "refunded" -> refunded = refunded.add(e.amount());
                    case "scheduled" -> scheduled++;
                    case "cancelled" -> cancelled++;
                    case "notified" -> notified++;
                    default -> throw new IllegalStateException("Unknown ledger entry " + e);
                }
            }
            return new Kept(reserved, released, charges, charged, refunded, scheduled, cancelled, notified);
        }

        /** Nothing of the order is kept: every unit released, every cent refunded, every shipment cancelled. */
        boolean nothing() {
            return reservedBySku.equals(releasedBySku) && charged.compareTo(refunded) == 0 && scheduled == cancelled;
        }

        /** Everything kept exactly once: these units reserved once and never released, charged once, shipped once. */
        boolean exactlyOnce(Map<String, Integer> ordered, BigDecimal total) {
            return reservedBySku.equals(ordered) && releasedBySku.isEmpty() && charges == 1 && charged.compareTo(total) == 0
                    && refunded.signum() == 0 && scheduled == 1 && cancelled == 0;
        }
    }

    private final Map<String, List<Entry>> byOrder = new HashMap<>();
    private final Map<String, Integer> stock = new HashMap<>();

    private Ledgers() {}

    static Ledgers read(String jdbcUrl, String user) throws SQLException {
        var ledgers = new Ledgers();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, "")) {
            try (var rows = db.createStatement().executeQuery("select participant, order_id, entry, sku, quantity, amount from ledger order by id")) {
                while (rows.next()) {
                    var entry = new Entry(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5),
                            amount(rows));
                    ledgers.byOrder.computeIfAbsent(entry.orderId(), id -> new ArrayList<>()).add(entry);
                }
            }
            try (var rows = db.createStatement().executeQuery("select sku, available from stock")) {
                while (rows.next()) {
                    ledgers.stock.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return ledgers;
    }

    private static BigDecimal amount(ResultSet rows) throws SQLException {
        BigDecimal amount = rows.getBigDecimal(6);
        return amount == null ? BigDecimal.ZERO : amount;
    }

    Kept kept(String orderId) {
        return Kept.of(byOrder.getOrDefault(orderId, List.of()));
    }

    java.util.Set<String> orderIds() {
        return byOrder.keySet();
    }

    /** The SKUs whose units are not all accounted for: what is available plus what orders keep is not what the catalogue started with. */
    List<String> stockNotConserved(int initialPerSku) {
        var kept = new HashMap<String, Integer>();
        byOrder.values().forEach(entries -> entries.forEach(e -> {
            if (e.entry().equals("reserved")) {
                kept.merge(e.sku(), e.quantity(), Integer::sum);
            } else if (e.entry().equals("released")) {
                kept.merge(e.sku(), -e.quantity(), Integer::sum);
            }
        }));
        var wrong = new ArrayList<String>();
        stock.forEach((sku, available) -> {
            int total = available + kept.getOrDefault(sku, 0);
            if (total != initialPerSku) {
                wrong.add(sku + ": " + available + " available + " + kept.getOrDefault(sku, 0) + " kept = " + total);
            }
        });
        return wrong;
    }
}

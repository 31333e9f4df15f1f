package dev.ordersaga.participants;

import dev.ordersaga.participants.notification.api.NotificationContract.NotificationKind;
import dev.ordersaga.participants.payment.Payments;
import dev.ordersaga.participants.support.store.ParticipantStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the tests read and set in the reference participants' database besides their commands: stock, reservations,
 * charges, shipments and the messages sent. The participants themselves never need these queries.
 */
public record ParticipantsDatabase(JdbcClient jdbc) {

    /** A message the notification participant "sent". */
    public record Email(String notificationId, String to, String customerId, String orderId, NotificationKind kind, String text, Instant sentAt) {}

    public ParticipantsDatabase(ParticipantStore store) {
        this(store.jdbc());
    }

    /** Sets the stock of a SKU, adding it if new. */
    public void restock(String sku, int units) {
        if (units < 0) {
            throw new IllegalArgumentException("Stock of " + sku + " must not be negative, is " + units);
        }
        jdbc.sql("insert into stock (sku, available) values (?, ?) on conflict (sku) do update set available = excluded.available")
                .params(sku, units).update();
    }

    /** Units of this SKU left to reserve; 0 for an unknown SKU. */
    public int available(String sku) {
        return jdbc.sql("select available from stock where sku = ?").param(sku).query(Integer.class).optional().orElse(0);
    }

    /** Units the order holds now. */
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

    /** What was charged for the order, refunded since or not: from the ledger. */
    public BigDecimal charged(String orderId) {
        return paymentLedgerSum(orderId, "charged");
    }

    public BigDecimal refunded(String orderId) {
        return paymentLedgerSum(orderId, "refunded");
    }

    private BigDecimal paymentLedgerSum(String orderId, String entry) {
        return jdbc.sql("select coalesce(sum(amount), 0) from ledger where participant = ? and order_id = ? and entry = ?")
                .params(Payments.PARTICIPANT, orderId, entry).query(BigDecimal.class).single();
    }

    /** The tracking number of the order's shipment, unless it was cancelled. */
    public Optional<String> trackingNumber(String orderId) {
        return jdbc.sql("select tracking_number from shipment where order_id = ? and outcome = 'scheduled'").param(orderId).query(String.class)
                .optional();
    }

    /** The messages sent for the order, oldest first. */
    public List<Email> messages(String orderId) {
        return jdbc.sql("select notification_id, recipient, customer_id, order_id, kind, text, sent_at from notification where order_id = ?"
                        + " order by sent_at").param(orderId)
                .query((rs, row) -> new Email(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), NotificationKind.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }
}

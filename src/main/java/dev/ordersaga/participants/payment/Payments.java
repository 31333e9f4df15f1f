package dev.ordersaga.participants.payment;

import dev.ordersaga.participants.payment.api.ChargePayment;
import dev.ordersaga.participants.payment.api.PaymentCharged;
import dev.ordersaga.participants.payment.api.PaymentEvent;
import dev.ordersaga.participants.payment.api.PaymentKO;
import dev.ordersaga.participants.payment.api.PaymentRefunded;
import dev.ordersaga.participants.payment.api.RefundPayment;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Customers' credit and the orders' charges, in the participants' database (tables {@code credit}, {@code payment}, the
 * ledger and the compensation markers). {@link #charge} and {@link #refund} run inside their command's transaction
 * ({@link ParticipantStore#handle}): the order's row is locked ({@code SELECT … FOR UPDATE}) and the credit is taken
 * by a conditional {@code UPDATE}, so replicas sharing the database never overdraw nor charge an order twice.
 */
@Component
@ConditionalOnParticipants
public final class Payments {

    /** The credit limit of every customer, given to a customer on their first charge. */
    public static final BigDecimal CREDIT_LIMIT = new BigDecimal("10000.00");
    /** The only currency accepted. */
    public static final String CURRENCY = "EUR";
    /** The participant's name in the store (inbox, ledger, compensation markers). */
    public static final String PARTICIPANT = "payment";

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    /** What an order has at the payment participant: its row in {@code payment}. */
    private record OrderPayment(String outcome, String paymentId, String customerId, BigDecimal amount, BigDecimal refunded, String reason) {}

    private final JdbcClient jdbc;
    private final ParticipantStore store;

    public Payments(DataSource participantsDataSource, ParticipantStore store) {
        this.jdbc = JdbcClient.create(participantsDataSource);
        this.store = store;
    }

    /**
     * Charges the order's amount to the customer if the currency is EUR and the customer's credit left covers it. An
     * order that already has an outcome gets it again (one charge per order); an order that was compensated is refused.
     */
    public PaymentEvent charge(String orderId, String commandId, ChargePayment command) {
        Optional<OrderPayment> existing = lock(orderId);
        if (existing.isPresent()) {
            return switch (existing.get().outcome()) {
                case "charged" -> new PaymentCharged(existing.get().paymentId());
                case "refused" -> new PaymentKO(existing.get().reason());
                default -> new PaymentKO(compensated(orderId));
            };
        }
        if (store.isCompensated(PARTICIPANT, orderId)) {
            return new PaymentKO(compensated(orderId));
        }
        String problem = refusal(command);
        if (problem != null) {
            jdbc.sql("insert into payment (order_id, outcome, customer_id, reason) values (?, 'refused', ?, ?)")
                    .params(orderId, command.customerId(), problem).update();
            return new PaymentKO(problem);
        }
        String paymentId = "PAY-" + UUID.randomUUID();
        jdbc.sql("insert into payment (order_id, outcome, payment_id, customer_id, amount) values (?, 'charged', ?, ?, ?)")
                .params(orderId, paymentId, command.customerId(), command.amount()).update();
        store.record(LedgerEntry.of(PARTICIPANT, orderId, "charged", commandId).withAmount(command.amount()).withReference(paymentId));
        return new PaymentCharged(paymentId);
    }

    /**
     * Refunds what was charged for the order (the command's amount is not needed) and marks the order as compensated.
     * Refunding an order without a charge refunds 0; refunding twice refunds once.
     */
    public PaymentRefunded refund(String orderId, String commandId, RefundPayment command) {
        Optional<OrderPayment> existing = lock(orderId);
        store.markCompensated(PARTICIPANT, orderId);
        if (existing.isEmpty()) {
            jdbc.sql("insert into payment (order_id, outcome, customer_id) values (?, 'refunded', ?)").params(orderId, command.customerId()).update();
            return new PaymentRefunded(BigDecimal.ZERO);
        }
        OrderPayment payment = existing.get();
        return switch (payment.outcome()) {
            case "charged" -> {
                if (payment.amount().compareTo(command.amount()) != 0) {
                    log.warn("Order {}: refund asks for {} {}, the order was charged {} {}; refunding the charge",
                            orderId, command.amount(), command.currency(), payment.amount(), CURRENCY);
                }
                jdbc.sql("update credit set available = available + ? where customer_id = ?").params(payment.amount(), payment.customerId()).update();
                jdbc.sql("update payment set outcome = 'refunded', refunded = amount where order_id = ?").param(orderId).update();
                store.record(LedgerEntry.of(PARTICIPANT, orderId, "refunded", commandId).withAmount(payment.amount())
                        .withReference(payment.paymentId()));
                yield new PaymentRefunded(payment.amount());
            }
            case "refunded" -> new PaymentRefunded(payment.refunded());
            default -> {
                jdbc.sql("update payment set outcome = 'refunded' where order_id = ?").param(orderId).update();
                yield new PaymentRefunded(BigDecimal.ZERO);
            }
        };
    }

    /** The customer's credit left. */
    public BigDecimal creditLeft(String customerId) {
        return jdbc.sql("select available from credit where customer_id = ?").param(customerId).query(BigDecimal.class).optional()
                .orElse(CREDIT_LIMIT);
    }

    /** What was charged for the order (0 if nothing), whether or not it was refunded since: from the ledger. */
    public BigDecimal charged(String orderId) {
        return ledgerSum(orderId, "charged");
    }

    /** What was refunded for the order (0 if nothing): from the ledger. */
    public BigDecimal refunded(String orderId) {
        return ledgerSum(orderId, "refunded");
    }

    /** Whether the order was refunded (compensated) here. */
    public boolean isCompensated(String orderId) {
        return store.isCompensated(PARTICIPANT, orderId);
    }

    private BigDecimal ledgerSum(String orderId, String entry) {
        return jdbc.sql("select coalesce(sum(amount), 0) from ledger where participant = ? and order_id = ? and entry = ?")
                .params(PARTICIPANT, orderId, entry).query(BigDecimal.class).single();
    }

    /** The order's payment, locked until the command's transaction ends. */
    private Optional<OrderPayment> lock(String orderId) {
        return jdbc.sql("select outcome, payment_id, customer_id, amount, refunded, reason from payment where order_id = ? for update")
                .param(orderId)
                .query((rs, row) -> new OrderPayment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                        rs.getString(6)))
                .optional();
    }

    /** Why the charge is refused, or null; takes the credit when it is not. */
    private String refusal(ChargePayment command) {
        if (!CURRENCY.equals(command.currency())) {
            return "Currency " + command.currency() + " is not accepted, only " + CURRENCY;
        }
        jdbc.sql("insert into credit (customer_id, available) values (?, ?) on conflict do nothing").params(command.customerId(), CREDIT_LIMIT).update();
        int taken = jdbc.sql("update credit set available = available - ? where customer_id = ? and available >= ?")
                .params(command.amount(), command.customerId(), command.amount()).update();
        if (taken == 0) {
            BigDecimal left = creditLeft(command.customerId());
            return "Charge of " + money(command.amount()) + " exceeds the credit left for customer " + command.customerId()
                    + " (" + money(left) + ")";
        }
        return null;
    }

    private static String compensated(String orderId) {
        return "order " + orderId + " was already compensated";
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.scale()), RoundingMode.UNNECESSARY).toPlainString() + " " + CURRENCY;
    }
}

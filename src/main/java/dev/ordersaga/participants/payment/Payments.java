package dev.ordersaga.participants.payment;

import dev.ordersaga.participants.payment.api.PaymentContract.ChargePayment;
import dev.ordersaga.participants.payment.api.PaymentContract.PaymentCharged;
import dev.ordersaga.participants.payment.api.PaymentContract.PaymentEvent;
import dev.ordersaga.participants.payment.api.PaymentContract.PaymentKO;
import dev.ordersaga.participants.payment.api.PaymentContract.PaymentRefunded;
import dev.ordersaga.participants.payment.api.PaymentContract.RefundPayment;
import dev.ordersaga.participants.support.CommandHandler;
import dev.ordersaga.participants.support.CommandHandler.OnCommand;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.store.CompensableStep;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customers' credit and the orders' charges: only EUR, at most the credit left. The credit is taken by a conditional
 * {@code UPDATE}, so that concurrent charges of one customer on several replicas never overdraw it.
 */
@CommandHandler(name = Payments.PARTICIPANT)
@ConditionalOnParticipants
public final class Payments extends CompensableStep<Payments.Charge> {

    public static final String PARTICIPANT = "payment";
    /** Every customer's credit, given on their first charge. */
    public static final BigDecimal CREDIT_LIMIT = new BigDecimal("10000.00");
    public static final String CURRENCY = "EUR";

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    record Charge(String paymentId, String customerId, BigDecimal amount, BigDecimal refunded) {}

    public Payments(ParticipantStore store) {
        super(store, "payment", "charged", "refunded");
    }

    @Override
    protected Charge row(ResultSet rs) throws SQLException {
        return new Charge(rs.getString("payment_id"), rs.getString("customer_id"), rs.getBigDecimal("amount"), rs.getBigDecimal("refunded"));
    }

    @OnCommand(refusal = PaymentKO.class)
    public PaymentEvent charge(String orderId, String commandId, ChargePayment command) {
        return forward(orderId, charge -> new PaymentCharged(charge.paymentId()), PaymentKO::new, () -> {
            String problem = refusal(command);
            if (problem != null) {
                sql("insert into payment (order_id, outcome, customer_id, reason) values (?, 'refused', ?, ?)")
                        .params(orderId, command.customerId(), problem).update();
                return new PaymentKO(problem);
            }
            String paymentId = "PAY-" + UUID.randomUUID();
            sql("insert into payment (order_id, outcome, payment_id, customer_id, amount) values (?, 'charged', ?, ?, ?)")
                    .params(orderId, paymentId, command.customerId(), command.amount()).update();
            store.record(LedgerEntry.of(PARTICIPANT, orderId, "charged", commandId, paymentId).withAmount(command.amount()));
            return new PaymentCharged(paymentId);
        });
    }

    /** Refunds what was charged for the order, whatever the command's amount says. */
    @OnCommand
    public PaymentRefunded refund(String orderId, String commandId, RefundPayment command) {
        return compensate(orderId, charge -> {
            if (charge.amount().compareTo(command.amount()) != 0) {
                log.warn("Order {}: refund asks for {} {}, the order was charged {} {}; refunding the charge", orderId, command.amount(),
                        command.currency(), charge.amount(), CURRENCY);
            }
            sql("update credit set available = available + ? where customer_id = ?").params(charge.amount(), charge.customerId()).update();
            sql("update payment set refunded = amount where order_id = ?").param(orderId).update();
            store.record(LedgerEntry.of(PARTICIPANT, orderId, "refunded", commandId, charge.paymentId()).withAmount(charge.amount()));
            return new PaymentRefunded(charge.amount());
        }, charge -> new PaymentRefunded(charge.refunded()), () -> {
            sql("update payment set customer_id = coalesce(customer_id, ?) where order_id = ?").params(command.customerId(), orderId).update();
            return new PaymentRefunded(BigDecimal.ZERO);
        });
    }

    public BigDecimal creditLeft(String customerId) {
        return sql("select available from credit where customer_id = ?").param(customerId).query(BigDecimal.class).optional()
                .orElse(CREDIT_LIMIT);
    }

    /** Why the charge is refused, or null: then the credit is taken. */
    private String refusal(ChargePayment command) {
        if (!CURRENCY.equals(command.currency())) {
            return "Currency " + command.currency() + " is not accepted, only " + CURRENCY;
        }
        sql("insert into credit (customer_id, available) values (?, ?) on conflict do nothing").params(command.customerId(), CREDIT_LIMIT).update();
        int taken = sql("update credit set available = available - ? where customer_id = ? and available >= ?")
                .params(command.amount(), command.customerId(), command.amount()).update();
        if (taken == 0) {
            return "Charge of " + money(command.amount()) + " exceeds the credit left for customer " + command.customerId() + " ("
                    + money(creditLeft(command.customerId())) + ")";
        }
        return null;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.scale()), RoundingMode.UNNECESSARY).toPlainString() + " " + CURRENCY;
    }
}

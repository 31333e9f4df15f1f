package dev.ordersaga.participants.payment;

import dev.ordersaga.participants.payment.api.ChargePayment;
import dev.ordersaga.participants.payment.api.PaymentCharged;
import dev.ordersaga.participants.payment.api.PaymentEvent;
import dev.ordersaga.participants.payment.api.PaymentKO;
import dev.ordersaga.participants.payment.api.PaymentRefunded;
import dev.ordersaga.participants.payment.api.RefundPayment;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.ParticipantsProperties;
import dev.ordersaga.participants.support.RecentEntries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Customers' credit and the orders' charges, in memory. Every operation runs under one lock: a charge
 * checks and uses up the credit of a customer many orders share, and the critical sections are a few map
 * updates.
 */
@Component
@ConditionalOnParticipants
public final class Payments {

    /** The credit limit of every customer. */
    public static final BigDecimal CREDIT_LIMIT = new BigDecimal("10000.00");
    /** The only currency accepted. */
    public static final String CURRENCY = "EUR";

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    /** What an order has at the payment participant. */
    private sealed interface OrderPayment {
        record Charged(String paymentId, String customerId, BigDecimal amount) implements OrderPayment {}

        record Refused(String reason) implements OrderPayment {}

        /** Compensated: its charge (possibly none, i.e. 0) was refunded. */
        record Refunded(BigDecimal charged, BigDecimal refunded) implements OrderPayment {}
    }

    private final Object lock = new Object();
    private final BigDecimal creditLimit;
    private final Map<String, BigDecimal> used; // customer → credit used, the most recent customers; guarded by lock
    private final Map<String, OrderPayment> orders; // the most recent orders; guarded by lock
    private BigDecimal totalCharged = BigDecimal.ZERO; // guarded by lock
    private BigDecimal totalRefunded = BigDecimal.ZERO; // guarded by lock

    /** Payments with the demo credit limit of {@link #CREDIT_LIMIT} per customer. */
    public Payments() {
        this(CREDIT_LIMIT);
    }

    /** The demo credit limit, remembering {@code order-saga.participants.remembered-orders} orders: the application's payments. */
    @Autowired
    public Payments(ParticipantsProperties participants) {
        this(CREDIT_LIMIT, participants.rememberedOrders());
    }

    public Payments(BigDecimal creditLimit) {
        this(creditLimit, ParticipantsProperties.DEFAULT_REMEMBERED_ORDERS);
    }

    /**
     * @param rememberedOrders how many orders (and customers) it remembers, the most recent ones; see {@link
     *     ParticipantsProperties#rememberedOrders()} (a forgotten customer has all their credit again)
     */
    public Payments(BigDecimal creditLimit, int rememberedOrders) {
        if (creditLimit.signum() < 0) {
            throw new IllegalArgumentException("creditLimit must not be negative, is " + creditLimit);
        }
        this.creditLimit = creditLimit;
        this.used = new RecentEntries<>(rememberedOrders);
        this.orders = new RecentEntries<>(rememberedOrders);
    }

    /**
     * Charges the order's amount to the customer if the currency is EUR and the customer's credit left
     * covers it. An order that already has an outcome gets it again (one charge per order); an order
     * that was refunded is refused.
     */
    public PaymentEvent charge(String orderId, ChargePayment command) {
        synchronized (lock) {
            return switch (orders.get(orderId)) {
                case null -> {
                    String problem = refusal(command);
                    if (problem != null) {
                        orders.put(orderId, new OrderPayment.Refused(problem));
                        yield new PaymentKO(problem);
                    }
                    // Removed and put back: the customer becomes the most recent one (see RecentEntries).
                    BigDecimal before = used.remove(command.customerId());
                    used.put(command.customerId(), before == null ? command.amount() : before.add(command.amount()));
                    totalCharged = totalCharged.add(command.amount());
                    var charged = new OrderPayment.Charged("PAY-" + UUID.randomUUID(), command.customerId(), command.amount());
                    orders.put(orderId, charged);
                    yield new PaymentCharged(charged.paymentId());
                }
                case OrderPayment.Charged charged -> new PaymentCharged(charged.paymentId());
                case OrderPayment.Refused refused -> new PaymentKO(refused.reason());
                case OrderPayment.Refunded refunded -> new PaymentKO("order " + orderId + " was already compensated");
            };
        }
    }

    /**
     * Refunds what was charged for the order (the command's amount is not needed) and marks the order as
     * compensated. Refunding an order without a charge refunds 0; refunding twice refunds once.
     */
    public PaymentRefunded refund(String orderId, RefundPayment command) {
        synchronized (lock) {
            return switch (orders.get(orderId)) {
                case OrderPayment.Charged charged -> {
                    if (charged.amount().compareTo(command.amount()) != 0) {
                        log.warn("Order {}: refund asks for {} {}, the order was charged {} {}; refunding the charge",
                                orderId, command.amount(), command.currency(), charged.amount(), CURRENCY);
                    }
                    used.merge(charged.customerId(), charged.amount().negate(), BigDecimal::add);
                    totalRefunded = totalRefunded.add(charged.amount());
                    orders.put(orderId, new OrderPayment.Refunded(charged.amount(), charged.amount()));
                    yield new PaymentRefunded(charged.amount());
                }
                case OrderPayment.Refunded refunded -> new PaymentRefunded(refunded.refunded());
                case null, default -> {
                    orders.put(orderId, new OrderPayment.Refunded(BigDecimal.ZERO, BigDecimal.ZERO));
                    yield new PaymentRefunded(BigDecimal.ZERO);
                }
            };
        }
    }

    /** The customer's credit left. */
    public BigDecimal creditLeft(String customerId) {
        synchronized (lock) {
            return creditLimit.subtract(used.getOrDefault(customerId, BigDecimal.ZERO));
        }
    }

    /** What was charged for the order (0 if nothing), whether or not it was refunded since. */
    public BigDecimal charged(String orderId) {
        synchronized (lock) {
            return switch (orders.get(orderId)) {
                case OrderPayment.Charged charged -> charged.amount();
                case OrderPayment.Refunded refunded -> refunded.charged();
                case null, default -> BigDecimal.ZERO;
            };
        }
    }

    /** What was refunded for the order (0 if nothing). */
    public BigDecimal refunded(String orderId) {
        synchronized (lock) {
            return orders.get(orderId) instanceof OrderPayment.Refunded refunded ? refunded.refunded() : BigDecimal.ZERO;
        }
    }

    /** Whether the order was refunded (compensated) here. */
    public boolean isCompensated(String orderId) {
        synchronized (lock) {
            return orders.get(orderId) instanceof OrderPayment.Refunded;
        }
    }

    /** All charges ever made. */
    public BigDecimal totalCharged() {
        synchronized (lock) {
            return totalCharged;
        }
    }

    /** All refunds ever made. */
    public BigDecimal totalRefunded() {
        synchronized (lock) {
            return totalRefunded;
        }
    }

    /** Why the charge is refused, or null. Caller holds the lock. */
    private String refusal(ChargePayment command) {
        if (!CURRENCY.equals(command.currency())) {
            return "Currency " + command.currency() + " is not accepted, only " + CURRENCY;
        }
        BigDecimal left = creditLimit.subtract(used.getOrDefault(command.customerId(), BigDecimal.ZERO));
        if (command.amount().compareTo(left) > 0) {
            return "Charge of " + money(command.amount()) + " exceeds the credit left for customer " + command.customerId()
                    + " (" + money(left) + ")";
        }
        return null;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.scale()), RoundingMode.UNNECESSARY).toPlainString() + " " + CURRENCY;
    }
}

package dev.ordersaga.participants.payment.api;

import java.math.BigDecimal;

/**
 * The payment's messages, on {@code payment-commands} and {@code payment-events}: a record each, whose simple name is its
 * type on the wire. Amounts are decimals, a JSON number or string. A payload that does not fit its record is malformed.
 */
public final class PaymentContract {

    private PaymentContract() {}

    /** Charge the order's total to the customer; {@code currency} is an ISO 4217 code. */
    public record ChargePayment(String customerId, BigDecimal amount, String currency) {

        public ChargePayment {
            require(customerId, amount, 1, currency);
        }
    }

    /** Compensation of {@link ChargePayment}: what is refunded is what was charged; the fields are for information. */
    public record RefundPayment(String customerId, BigDecimal amount, String currency) {

        public RefundPayment {
            require(customerId, amount, 0, currency);
        }
    }

    public sealed interface PaymentEvent permits PaymentCharged, PaymentKO, PaymentRefunded {}

    public record PaymentCharged(String paymentId) implements PaymentEvent {}

    /** The business failure: nothing was charged. */
    public record PaymentKO(String reason) implements PaymentEvent {}

    /** {@code refundedAmount} is 0 when nothing was charged. */
    public record PaymentRefunded(BigDecimal refundedAmount) implements PaymentEvent {}

    /** @param lowest the lowest {@code signum} of the amount: 1 positive, 0 not negative */
    private static void require(String customerId, BigDecimal amount, int lowest, String currency) {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is required");
        }
        if (amount == null || amount.signum() < lowest) {
            throw new IllegalArgumentException("amount must " + (lowest > 0 ? "be positive" : "not be negative") + ", is " + amount);
        }
        if (currency == null || currency.isBlank()) {
            throw new IllegalArgumentException("currency is required");
        }
    }
}

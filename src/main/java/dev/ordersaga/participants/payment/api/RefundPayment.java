package dev.ordersaga.participants.payment.api;

import java.math.BigDecimal;

/**
 * Compensation of {@link ChargePayment}: refund the order's charge. The fields are those of the charge,
 * for information; what is refunded is what the payment participant charged for the order.
 */
public record RefundPayment(String customerId, BigDecimal amount, String currency) implements PaymentCommand {

    public RefundPayment {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is required");
        }
        if (amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative, is " + amount);
        }
        if (currency == null || currency.isBlank()) {
            throw new IllegalArgumentException("currency is required");
        }
    }
}

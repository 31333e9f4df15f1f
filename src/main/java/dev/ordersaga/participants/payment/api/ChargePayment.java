package dev.ordersaga.participants.payment.api;

import java.math.BigDecimal;

/**
 * Charge the order's total to the customer.
 *
 * @param amount positive
 * @param currency ISO 4217 code, e.g. {@code EUR}
 */
public record ChargePayment(String customerId, BigDecimal amount, String currency) implements PaymentCommand {

    public ChargePayment {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is required");
        }
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive, is " + amount);
        }
        if (currency == null || currency.isBlank()) {
            throw new IllegalArgumentException("currency is required");
        }
    }
}

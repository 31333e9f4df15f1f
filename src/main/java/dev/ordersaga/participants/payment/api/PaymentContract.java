package dev.ordersaga.participants.payment.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/**
 * The payment's messages, on {@code payment-commands} and {@code payment-events}: a record each, whose simple name is its
 * type on the wire. Amounts are decimals, a JSON number or string. A payload that breaks its record's constraints is malformed.
 */
public final class PaymentContract {

    private PaymentContract() {}

    /** Charge the order's total to the customer; {@code currency} is an ISO 4217 code. */
    public record ChargePayment(@NotBlank String customerId, @NotNull @Positive BigDecimal amount, @NotBlank String currency) {}

    /** Compensation of {@link ChargePayment}: what is refunded is what was charged; the fields are for information. */
    public record RefundPayment(@NotBlank String customerId, @NotNull @PositiveOrZero BigDecimal amount, @NotBlank String currency) {}

    public sealed interface PaymentEvent permits PaymentCharged, PaymentKO, PaymentRefunded {}

    public record PaymentCharged(String paymentId) implements PaymentEvent {}

    /** The business failure: nothing was charged. */
    public record PaymentKO(String reason) implements PaymentEvent {}

    /** {@code refundedAmount} is 0 when nothing was charged. */
    public record PaymentRefunded(BigDecimal refundedAmount) implements PaymentEvent {}
}

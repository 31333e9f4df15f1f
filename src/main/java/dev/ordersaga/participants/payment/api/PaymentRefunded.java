package dev.ordersaga.participants.payment.api;

import java.math.BigDecimal;

/** The order's charge was refunded; {@code refundedAmount} is 0 if there was none. */
public record PaymentRefunded(BigDecimal refundedAmount) implements PaymentEvent {}

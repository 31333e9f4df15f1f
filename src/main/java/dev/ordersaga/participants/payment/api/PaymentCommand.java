package dev.ordersaga.participants.payment.api;

/** A command the payment participant consumes. */
public sealed interface PaymentCommand permits ChargePayment, RefundPayment {}

package dev.ordersaga.participants.payment.api;

/** The order's total was charged. */
public record PaymentCharged(String paymentId) implements PaymentEvent {}

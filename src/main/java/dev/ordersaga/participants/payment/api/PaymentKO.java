package dev.ordersaga.participants.payment.api;

/** Business failure: nothing was charged, for this reason (a sentence for people). */
public record PaymentKO(String reason) implements PaymentEvent {}

package dev.ordersaga.participants.payment.api;

/** An outcome the payment participant publishes. */
public sealed interface PaymentEvent permits PaymentCharged, PaymentKO, PaymentRefunded {}

/**
 * The message contract of the payment participant: a payload record per command and event; a command or event type
 * on the wire is its record's name. It consumes {@code payment-commands} and answers on {@code payment-events},
 * with {@code source} {@code payment}. Commands: {@code ChargePayment {customerId, amount, currency}} and its
 * compensation {@code RefundPayment {customerId, amount, currency}}; events: {@code PaymentCharged {paymentId}},
 * {@code PaymentKO {reason}} (business failure) and {@code PaymentRefunded {refundedAmount}}. Amounts are decimals
 * (a JSON number or string). Payload records check their fields when they are built, so a payload that does not
 * fit is rejected as malformed. Depends on nothing but the JDK.
 */
package dev.ordersaga.participants.payment.api;

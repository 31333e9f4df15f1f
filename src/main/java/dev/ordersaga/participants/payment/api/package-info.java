/**
 * The message contract of the payment participant: the topic and type names ({@link
 * dev.ordersaga.participants.payment.api.PaymentContract}) and a payload record per command and event.
 * Commands: {@code ChargePayment {customerId, amount, currency}} and its compensation {@code
 * RefundPayment {customerId, amount, currency}}; events: {@code PaymentCharged {paymentId}}, {@code
 * PaymentKO {reason}} (business failure) and {@code PaymentRefunded {refundedAmount}}. Amounts are
 * decimals (a JSON number or string). Payload records check their fields when they are built, so a
 * payload that does not fit is rejected as malformed. Depends on nothing but the JDK.
 */
package dev.ordersaga.participants.payment.api;

/**
 * The reference payment participant: every customer has a credit limit of 10,000.00 EUR. {@link
 * dev.ordersaga.participants.payment.Payments} holds the rules: only EUR is accepted; a charge that
 * exceeds the customer's credit left is refused with {@code PaymentKO}, otherwise it uses up credit; an
 * order is charged at most once; a refund gives the order's charge back, refunding nothing is a
 * confirmed no-op, and once an order is refunded (compensated) any later charge for it is refused.
 * {@link dev.ordersaga.participants.payment.PaymentHandler} connects the rules to the shared participant
 * pipeline. State is in memory (a demo service) and guarded by one lock, so that concurrent charges of
 * one customer never overdraw.
 */
package dev.ordersaga.participants.payment;

/**
 * The reference notification participant: it "e-mails" the customer by recording each message (to,
 * customer, order, kind, text) in memory, where tests and demos read it ({@link
 * dev.ordersaga.participants.notification.Notifications#messages(String)}). An order is told each kind at
 * most once: a repeated {@code NotifyCustomer} of the same kind answers the first notification's id. It
 * has no business failure and no compensation. State is in memory (a demo service) and guarded by one lock.
 */
package dev.ordersaga.participants.notification;

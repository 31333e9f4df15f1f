/**
 * The message contract of the notification participant: a payload record per command and event; a command or event
 * type on the wire is its record's name. It consumes {@code notification-commands} and answers on {@code
 * notification-events}, with {@code source} {@code notification}. Command: {@code NotifyCustomer {email,
 * customerId, kind, trackingNumber?, reason?}} with {@code kind} {@code OrderShipped} or {@code OrderFailed};
 * event: {@code CustomerNotified {notificationId}}. There is no business failure and no compensation. Payload
 * records check their fields when they are built, so a payload that does not fit is rejected as malformed. Depends
 * on nothing but the JDK.
 */
package dev.ordersaga.participants.notification.api;

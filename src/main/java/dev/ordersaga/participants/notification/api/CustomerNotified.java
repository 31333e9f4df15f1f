package dev.ordersaga.participants.notification.api;

/** The customer was sent the message {@code notificationId}. */
public record CustomerNotified(String notificationId) {}

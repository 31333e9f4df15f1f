package dev.ordersaga.participants.notification;

import dev.ordersaga.participants.notification.api.NotificationContract.NotificationKind;
import java.time.Instant;

/** A message the notification participant "sent". */
public record Email(String notificationId, String to, String customerId, String orderId, NotificationKind kind, String text, Instant sentAt) {}

package dev.ordersaga.participants.notification;

import dev.ordersaga.participants.notification.api.CustomerNotified;
import dev.ordersaga.participants.notification.api.NotifyCustomer;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.ParticipantsProperties;
import dev.ordersaga.participants.support.RecentEntries;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The messages sent to customers, in memory; every operation runs under one lock. */
@Component
@ConditionalOnParticipants
public final class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final Object lock = new Object();
    private final Map<String, List<Email>> byOrder; // the most recent orders; guarded by lock
    private final Clock clock;

    public Notifications() {
        this(Clock.systemUTC());
    }

    public Notifications(Clock clock) {
        this(clock, ParticipantsProperties.DEFAULT_REMEMBERED_ORDERS);
    }

    /** Remembering {@code order-saga.participants.remembered-orders} orders: the application's notifications. */
    @Autowired
    public Notifications(ParticipantsProperties participants) {
        this(Clock.systemUTC(), participants.rememberedOrders());
    }

    /** @param rememberedOrders how many orders it remembers, the most recent ones; see {@link ParticipantsProperties#rememberedOrders()} */
    public Notifications(Clock clock, int rememberedOrders) {
        this.clock = clock;
        this.byOrder = new RecentEntries<>(rememberedOrders);
    }

    /** Sends (records) the message, unless the order was told this kind before: then that message's id. */
    public CustomerNotified notify(String orderId, NotifyCustomer command) {
        synchronized (lock) {
            List<Email> sent = byOrder.computeIfAbsent(orderId, id -> new ArrayList<>());
            for (Email email : sent) {
                if (email.kind() == command.kind()) {
                    return new CustomerNotified(email.notificationId());
                }
            }
            var email = new Email("NTF-" + UUID.randomUUID(), command.email(), command.customerId(), orderId, command.kind(),
                    text(orderId, command), clock.instant());
            sent.add(email);
            log.debug("E-mail {} to {} ({}), order {}: {}", email.notificationId(), email.to(), email.customerId(), orderId, email.text());
            return new CustomerNotified(email.notificationId());
        }
    }

    /** The messages sent about the order, oldest first. */
    public List<Email> messages(String orderId) {
        synchronized (lock) {
            return List.copyOf(byOrder.getOrDefault(orderId, List.of()));
        }
    }

    /** All messages sent. */
    public int sentCount() {
        synchronized (lock) {
            return byOrder.values().stream().mapToInt(List::size).sum();
        }
    }

    static String text(String orderId, NotifyCustomer command) {
        return switch (command.kind()) {
            case OrderShipped -> "Good news: your order " + orderId + " has shipped."
                    + (command.trackingNumber() == null ? "" : " Tracking number: " + command.trackingNumber() + ".");
            case OrderFailed -> "We are sorry: your order " + orderId + " could not be completed"
                    + (command.reason() == null ? "." : ": " + command.reason() + ".")
                    + " Anything reserved or charged for it has been released or refunded.";
        };
    }
}

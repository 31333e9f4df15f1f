package dev.ordersaga.participants.shipment;

import dev.ordersaga.participants.shipment.api.Address;
import dev.ordersaga.participants.shipment.api.CancelShipment;
import dev.ordersaga.participants.shipment.api.ScheduleShipment;
import dev.ordersaga.participants.shipment.api.ShipmentCancelled;
import dev.ordersaga.participants.shipment.api.ShipmentEvent;
import dev.ordersaga.participants.shipment.api.ShipmentKO;
import dev.ordersaga.participants.shipment.api.ShipmentScheduled;
import dev.ordersaga.participants.support.ConditionalOnParticipants;
import dev.ordersaga.participants.support.ParticipantsProperties;
import dev.ordersaga.participants.support.RecentEntries;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The orders' shipments, in memory; every operation runs under one lock. */
@Component
@ConditionalOnParticipants
public final class Shipments {

    /** Countries the demo carrier does not serve. */
    public static final Set<String> UNSERVED_COUNTRIES = Set.of("AQ");

    /** What an order has at the shipment participant. */
    private sealed interface OrderShipment {
        record Scheduled(String trackingNumber, Address address) implements OrderShipment {}

        record Refused(String reason) implements OrderShipment {}

        /** Compensated: its shipment, if it had one, is cancelled. */
        record Cancelled(String trackingNumber) implements OrderShipment {}
    }

    private final Object lock = new Object();
    private final Map<String, OrderShipment> orders; // the most recent orders; guarded by lock
    private final Set<String> trackingNumbers; // those of the most recent shipments; guarded by lock

    public Shipments() {
        this(ParticipantsProperties.DEFAULT_REMEMBERED_ORDERS);
    }

    /** Remembering {@code order-saga.participants.remembered-orders} orders: the application's shipments. */
    @Autowired
    public Shipments(ParticipantsProperties participants) {
        this(participants.rememberedOrders());
    }

    /** @param rememberedOrders how many orders it remembers, the most recent ones; see {@link ParticipantsProperties#rememberedOrders()} */
    public Shipments(int rememberedOrders) {
        this.orders = new RecentEntries<>(rememberedOrders);
        this.trackingNumbers = Collections.newSetFromMap(new RecentEntries<>(rememberedOrders));
    }

    /**
     * Schedules the order's shipment unless its country is not served. An order that already has an
     * outcome gets it again (one shipment per order); an order that was cancelled is refused.
     */
    public ShipmentEvent schedule(String orderId, ScheduleShipment command) {
        synchronized (lock) {
            return switch (orders.get(orderId)) {
                case null -> {
                    String country = command.address().country().strip().toUpperCase(Locale.ROOT);
                    if (UNSERVED_COUNTRIES.contains(country)) {
                        String reason = "We do not ship to " + countryName(country) + " (" + country + ")";
                        orders.put(orderId, new OrderShipment.Refused(reason));
                        yield new ShipmentKO(reason);
                    }
                    var scheduled = new OrderShipment.Scheduled(newTrackingNumber(), command.address());
                    orders.put(orderId, scheduled);
                    yield new ShipmentScheduled(scheduled.trackingNumber());
                }
                case OrderShipment.Scheduled scheduled -> new ShipmentScheduled(scheduled.trackingNumber());
                case OrderShipment.Refused refused -> new ShipmentKO(refused.reason());
                case OrderShipment.Cancelled cancelled -> new ShipmentKO("order " + orderId + " was already compensated");
            };
        }
    }

    /**
     * Cancels the order's shipment and marks the order as compensated. Cancelling an order without a
     * shipment answers {@code cancelled: false}; cancelling twice cancels once.
     */
    public ShipmentCancelled cancel(String orderId, CancelShipment command) {
        synchronized (lock) {
            return switch (orders.get(orderId)) {
                case OrderShipment.Scheduled scheduled -> {
                    orders.put(orderId, new OrderShipment.Cancelled(scheduled.trackingNumber()));
                    yield new ShipmentCancelled(true);
                }
                case OrderShipment.Cancelled cancelled -> new ShipmentCancelled(cancelled.trackingNumber() != null);
                case null, default -> {
                    orders.put(orderId, new OrderShipment.Cancelled(null));
                    yield new ShipmentCancelled(false);
                }
            };
        }
    }

    /** The tracking number of the order's shipment, if it has one that is not cancelled. */
    public Optional<String> trackingNumber(String orderId) {
        synchronized (lock) {
            return orders.get(orderId) instanceof OrderShipment.Scheduled scheduled
                    ? Optional.of(scheduled.trackingNumber())
                    : Optional.empty();
        }
    }

    /** Whether the order was cancelled (compensated) here. */
    public boolean isCancelled(String orderId) {
        synchronized (lock) {
            return orders.get(orderId) instanceof OrderShipment.Cancelled;
        }
    }

    /** Shipments scheduled and not cancelled. */
    public int activeShipments() {
        synchronized (lock) {
            return (int) orders.values().stream().filter(OrderShipment.Scheduled.class::isInstance).count();
        }
    }

    /** A tracking number never issued before by this instance. Caller holds the lock. */
    private String newTrackingNumber() {
        String number;
        do {
            number = "TRK-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        } while (!trackingNumbers.add(number));
        return number;
    }

    private static String countryName(String code) {
        String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isBlank() || name.equals(code) ? code : name;
    }
}

package dev.ordersaga.participants.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.participants.shipment.api.Address;
import dev.ordersaga.participants.shipment.api.CancelShipment;
import dev.ordersaga.participants.api.Item;
import dev.ordersaga.participants.shipment.api.ScheduleShipment;
import dev.ordersaga.participants.shipment.api.ShipmentCancelled;
import dev.ordersaga.participants.shipment.api.ShipmentEvent;
import dev.ordersaga.participants.shipment.api.ShipmentKO;
import dev.ordersaga.participants.shipment.api.ShipmentScheduled;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShipmentsTest {

    private final Shipments shipments = new Shipments();

    @Test
    void schedulesAShipmentWithATrackingNumber() {
        ShipmentEvent event = shipments.schedule("order-1", schedule("DE"));

        assertThat(event).isInstanceOfSatisfying(ShipmentScheduled.class,
                scheduled -> assertThat(scheduled.trackingNumber()).matches("TRK-[0-9A-F]{16}"));
        assertThat(shipments.trackingNumber("order-1")).contains(((ShipmentScheduled) event).trackingNumber());
        assertThat(shipments.activeShipments()).isEqualTo(1);
    }

    @Test
    void antarcticaIsNotServed() {
        ShipmentEvent event = shipments.schedule("order-1", schedule("AQ"));

        assertThat(event).isEqualTo(new ShipmentKO("We do not ship to Antarctica (AQ)"));
        assertThat(shipments.trackingNumber("order-1")).isEmpty();
        assertThat(shipments.activeShipments()).isZero();
    }

    @Test
    void trackingNumbersAreUnique() {
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            numbers.add(((ShipmentScheduled) shipments.schedule("order-" + i, schedule("FR"))).trackingNumber());
        }

        assertThat(numbers).hasSize(1_000);
    }

    @Test
    void cancelCancelsTheOrdersShipment() {
        shipments.schedule("order-1", schedule("DE"));

        ShipmentCancelled cancelled = shipments.cancel("order-1", new CancelShipment());

        assertThat(cancelled.cancelled()).isTrue();
        assertThat(shipments.trackingNumber("order-1")).isEmpty();
        assertThat(shipments.isCancelled("order-1")).isTrue();
        assertThat(shipments.activeShipments()).isZero();
    }

    @Test
    void cancellingTwiceCancelsOnce() {
        shipments.schedule("order-1", schedule("DE"));
        shipments.schedule("order-2", schedule("DE"));

        shipments.cancel("order-1", new CancelShipment());
        ShipmentCancelled again = shipments.cancel("order-1", new CancelShipment());

        assertThat(again.cancelled()).isTrue();
        assertThat(shipments.activeShipments()).isEqualTo(1);
    }

    @Test
    void cancelOfNothingIsAConfirmedNoOp() {
        ShipmentCancelled cancelled = shipments.cancel("order-1", new CancelShipment());

        assertThat(cancelled.cancelled()).isFalse();
        assertThat(shipments.activeShipments()).isZero();
    }

    @Test
    void scheduleAfterCancelIsRefusedForever() {
        shipments.cancel("order-1", new CancelShipment());

        ShipmentEvent late = shipments.schedule("order-1", schedule("DE"));
        ShipmentEvent later = shipments.schedule("order-1", schedule("DE"));

        assertThat(late).isEqualTo(new ShipmentKO("order order-1 was already compensated"));
        assertThat(later).isEqualTo(late);
        assertThat(shipments.trackingNumber("order-1")).isEmpty();
    }

    @Test
    void anOrderIsShippedOnlyOnceAndGetsItsOutcomeAgain() {
        ShipmentEvent first = shipments.schedule("order-1", schedule("DE"));

        ShipmentEvent second = shipments.schedule("order-1", schedule("DE"));

        assertThat(second).isEqualTo(first);
        assertThat(shipments.activeShipments()).isEqualTo(1);
    }

    static ScheduleShipment schedule(String country) {
        return new ScheduleShipment(new Address("Ada Lovelace", "1 Main St", "Berlin", "10115", country),
                List.of(new Item("book-0001", 1, null)));
    }
}

package dev.ordersaga.participants.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ordersaga.participants.ParticipantsDatabase;
import dev.ordersaga.participants.shipment.api.ShipmentContract.Address;
import dev.ordersaga.participants.shipment.api.ShipmentContract.CancelShipment;
import dev.ordersaga.participants.api.Item;
import dev.ordersaga.participants.shipment.api.ShipmentContract.ScheduleShipment;
import dev.ordersaga.participants.shipment.api.ShipmentContract.ShipmentCancelled;
import dev.ordersaga.participants.shipment.api.ShipmentContract.ShipmentEvent;
import dev.ordersaga.participants.shipment.api.ShipmentContract.ShipmentKO;
import dev.ordersaga.participants.shipment.api.ShipmentContract.ShipmentScheduled;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.participants.support.store.InCommandTransaction;
import dev.ordersaga.participants.support.store.LedgerEntry;
import dev.ordersaga.participants.support.store.ParticipantStore;
import dev.ordersaga.support.OrderSagaIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shipment's rules on the real PostgreSQL server, each call in its command's transaction as the pipeline runs it
 * ({@link ParticipantStore#handle}); every test has orders of its own. A "restart" is a new {@link Shipments} on the
 * same database.
 */
@OrderSagaIntegrationTest
class ShipmentsIT {

    @Autowired
    ParticipantStore store;

    @Autowired
    ObjectMapper json;

    private final String run = UUID.randomUUID().toString().substring(0, 8) + "-";
    private Shipments shipments;
    private ParticipantsDatabase db;
    private InCommandTransaction transaction;

    @BeforeEach
    void restart() {
        shipments = new Shipments(store);
        db = new ParticipantsDatabase(store);
        transaction = new InCommandTransaction(store, json, Shipments.PARTICIPANT);
    }

    @Test
    void aScheduleReSentAfterItsCancellationAndARestartIsRefusedAndTheLedgerKeepsBoth() {
        String trackingNumber = ((ShipmentScheduled) schedule("order-1", schedule("DE"))).trackingNumber();
        cancel("order-1", new CancelShipment());

        restart();
        ShipmentEvent late = schedule("order-1", schedule("DE"));

        assertThat(late).isEqualTo(new ShipmentKO("order " + run + "order-1 was already compensated"));
        assertThat(store.ledger(Shipments.PARTICIPANT, run + "order-1")).extracting(LedgerEntry::entry, LedgerEntry::reference)
                .containsExactly(tuple("scheduled", trackingNumber), tuple("cancelled", trackingNumber));
    }

    @Test
    void schedulesAShipmentWithATrackingNumber() {
        ShipmentEvent event = schedule("order-1", schedule("DE"));

        assertThat(event).isInstanceOfSatisfying(ShipmentScheduled.class,
                scheduled -> assertThat(scheduled.trackingNumber()).matches("TRK-[0-9A-F]{16}"));
        assertThat(db.trackingNumber(run + "order-1")).contains(((ShipmentScheduled) event).trackingNumber());
    }

    @Test
    void antarcticaIsNotServed() {
        ShipmentEvent event = schedule("order-1", schedule("AQ"));

        assertThat(event).isEqualTo(new ShipmentKO("We do not ship to Antarctica (AQ)"));
        assertThat(db.trackingNumber(run + "order-1")).isEmpty();
    }

    @Test
    void trackingNumbersAreUnique() {
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            numbers.add(((ShipmentScheduled) schedule("order-" + i, schedule("FR"))).trackingNumber());
        }

        assertThat(numbers).hasSize(200);
    }

    @Test
    void cancelCancelsTheOrdersShipment() {
        schedule("order-1", schedule("DE"));

        ShipmentCancelled cancelled = cancel("order-1", new CancelShipment());

        assertThat(cancelled.cancelled()).isTrue();
        assertThat(db.trackingNumber(run + "order-1")).isEmpty();
        assertThat(shipments.isCompensated(run + "order-1")).isTrue();
    }

    @Test
    void cancellingTwiceCancelsOnce() {
        schedule("order-1", schedule("DE"));
        schedule("order-2", schedule("DE"));

        cancel("order-1", new CancelShipment());
        ShipmentCancelled again = cancel("order-1", new CancelShipment());

        assertThat(again.cancelled()).isTrue();
        assertThat(db.trackingNumber(run + "order-2")).isPresent();
        assertThat(store.ledger(Shipments.PARTICIPANT, run + "order-1")).extracting(LedgerEntry::entry).containsExactly("scheduled", "cancelled");
    }

    @Test
    void cancelOfNothingIsAConfirmedNoOp() {
        ShipmentCancelled cancelled = cancel("order-1", new CancelShipment());

        assertThat(cancelled.cancelled()).isFalse();
        assertThat(shipments.isCompensated(run + "order-1")).as("marked compensated all the same").isTrue();
        assertThat(store.ledger(Shipments.PARTICIPANT, run + "order-1")).isEmpty();
    }

    @Test
    void scheduleAfterCancelIsRefusedForever() {
        cancel("order-1", new CancelShipment());

        ShipmentEvent late = schedule("order-1", schedule("DE"));
        ShipmentEvent later = schedule("order-1", schedule("DE"));

        assertThat(late).isEqualTo(new ShipmentKO("order " + run + "order-1 was already compensated"));
        assertThat(later).isEqualTo(late);
        assertThat(db.trackingNumber(run + "order-1")).isEmpty();
    }

    @Test
    void anOrderIsShippedOnlyOnceAndGetsItsOutcomeAgain() {
        ShipmentEvent first = schedule("order-1", schedule("DE"));

        ShipmentEvent second = schedule("order-1", schedule("DE"));

        assertThat(second).isEqualTo(first);
        assertThat(store.ledger(Shipments.PARTICIPANT, run + "order-1")).extracting(LedgerEntry::entry).containsExactly("scheduled");
    }

    private ShipmentEvent schedule(String order, ScheduleShipment command) {
        return transaction.handle(run + order, "ScheduleShipment", () -> shipments.schedule(run + order, "cmd", command));
    }

    private ShipmentCancelled cancel(String order, CancelShipment command) {
        return transaction.handle(run + order, "CancelShipment", () -> shipments.cancel(run + order, "cmd", command));
    }

    static ScheduleShipment schedule(String country) {
        return new ScheduleShipment(new Address("Ada Lovelace", "1 Main St", "Berlin", "10115", country),
                List.of(new Item("book-0001", 1, null)));
    }
}

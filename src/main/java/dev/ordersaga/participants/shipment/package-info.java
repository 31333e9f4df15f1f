/**
 * The reference shipment participant. {@link dev.ordersaga.participants.shipment.Shipments} holds the
 * rules: country {@code AQ} is not served ({@code ShipmentKO}); any other address gets a shipment with a
 * unique tracking number ({@code TRK-…}); an order has at most one shipment; cancelling cancels the
 * order's shipment, cancelling none is a confirmed no-op, and once an order is cancelled (compensated)
 * any later scheduling for it is refused. {@link dev.ordersaga.participants.shipment.ShipmentHandler}
 * connects the rules to the shared participant pipeline. State is in memory (a demo service) and guarded
 * by one lock.
 */
package dev.ordersaga.participants.shipment;

-- A compensated order is the outcome 'released', 'refunded' or 'cancelled' of its row in reservation, payment or
-- shipment (V2), written by the compensation even when the step never happened: the markers of V1 said it twice.
drop table compensated;

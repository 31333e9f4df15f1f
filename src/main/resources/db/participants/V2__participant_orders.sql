-- The reference participants' outcome per order, next to their stock and credit (V1), written in the transaction of
-- the command that decided it.

-- The payment of an order: charged, refused (with its reason) or refunded (what was charged and refunded; 0 when the
-- refund came first: the order was compensated, and a later charge is refused).
create table payment (
    order_id    varchar(100)   primary key,
    outcome     varchar(16)    not null check (outcome in ('charged', 'refused', 'refunded')),
    payment_id  varchar(100),
    customer_id varchar(100),
    amount      numeric(19, 2) not null default 0,
    refunded    numeric(19, 2) not null default 0,
    reason      text
);

-- The reservation of an order: reserved (the units it holds, per SKU in reservation_item), refused (with its reason)
-- or released (units: what its release gave back; 0 when the release came first: a later reservation is refused).
create table reservation (
    order_id       varchar(100) primary key,
    outcome        varchar(16)  not null check (outcome in ('reserved', 'refused', 'released')),
    reservation_id varchar(100),
    units          integer      not null default 0,
    reason         text
);

create table reservation_item (
    order_id varchar(100) not null references reservation (order_id),
    sku      varchar(64)  not null,
    units    integer      not null check (units > 0),
    primary key (order_id, sku)
);

-- The demo catalogue: book-0001 … book-0100, 10,000 units each (a SKU already there keeps its stock).
insert into stock (sku, available)
select 'book-' || lpad(n::text, 4, '0'), 10000 from generate_series(1, 100) as n
on conflict (sku) do nothing;

-- The shipment of an order: scheduled (with its tracking number), refused (with its reason) or cancelled (keeping the
-- tracking number of the shipment it cancelled; none when the cancellation came first: a later schedule is refused).
create table shipment (
    order_id        varchar(100) primary key,
    outcome         varchar(16)  not null check (outcome in ('scheduled', 'refused', 'cancelled')),
    tracking_number varchar(100) unique,
    country         varchar(8),
    reason          text
);

-- The messages sent to customers: one per order and kind.
create table notification (
    notification_id varchar(100) primary key,
    order_id        varchar(100) not null,
    kind            varchar(32)  not null,
    recipient       varchar(320) not null,
    customer_id     varchar(100) not null,
    text            text         not null,
    sent_at         timestamptz  not null,
    unique (order_id, kind)
);

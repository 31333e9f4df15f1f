-- The reference participants' state (README, "Participants"): written in one transaction per command, so a command is
-- applied at most once whatever crashes, and its reply is sent at least once after the commit, identical every time.

-- Every command handled, by command id, with the reply it got: a command seen again is answered with the same reply.
-- Pruned after order-saga.participants.store.retention.
create table inbox (
    participant  varchar(64)  not null,
    command_id   varchar(200) not null,
    order_id     varchar(100) not null,
    command_type varchar(100) not null,
    reply_topic  varchar(249) not null,
    reply_key    varchar(100),
    reply_value  text         not null,
    reply_headers text        not null,
    handled_at   timestamptz  not null default now(),
    primary key (participant, command_id)
);
create index inbox_handled_at on inbox (handled_at);

-- Replies committed but not yet acknowledged by Kafka; the relay sends them (again, after a crash) and deletes them.
create table outbox (
    id          bigserial    primary key,
    participant varchar(64)  not null,
    command_id  varchar(200) not null,
    created_at  timestamptz  not null default now(),
    foreign key (participant, command_id) references inbox (participant, command_id) on delete cascade
);

-- What each participant did per order, append-only: the truth an audit reads (admin endpoint).
create table ledger (
    id          bigserial      primary key,
    participant varchar(64)    not null,
    order_id    varchar(100)   not null,
    entry       varchar(32)    not null,
    sku         varchar(64),
    quantity    integer,
    amount      numeric(19, 2),
    reference   varchar(200),
    command_id  varchar(200)   not null,
    at          timestamptz    not null default now()
);
create index ledger_order on ledger (participant, order_id);

-- An order whose step was compensated (even if it never happened): a forward command arriving later is refused.
-- Never pruned with the inbox.
create table compensated (
    participant varchar(64)  not null,
    order_id    varchar(100) not null,
    at          timestamptz  not null default now(),
    primary key (participant, order_id)
);

create table stock (
    sku       varchar(64) primary key,
    available integer     not null check (available >= 0)
);

create table credit (
    customer_id varchar(100)   primary key,
    available   numeric(19, 2) not null check (available >= 0)
);

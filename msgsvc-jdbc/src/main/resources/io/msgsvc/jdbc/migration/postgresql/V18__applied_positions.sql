-- How far each consumer (a projection role) has applied each reservation's events, by outbox position: one row per
-- consumer and reservation, moved up in the transaction that applies a batch, instead of one applied-event record
-- per event. Outbox appends of one reservation take turns (a transaction-scoped advisory lock), so its positions
-- grow in commit order and an event at or below the position applied is one seen before.
CREATE TABLE msgsvc_applied_position (
    consumer        VARCHAR(40)   NOT NULL,
    reservation_id  UUID          NOT NULL,
    applied_through BIGINT        NOT NULL,
    applied_at      TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (consumer, reservation_id)
);
CREATE INDEX msgsvc_applied_position_age ON msgsvc_applied_position (applied_at);

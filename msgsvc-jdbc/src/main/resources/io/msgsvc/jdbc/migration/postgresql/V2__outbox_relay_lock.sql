-- Relays take turns claiming outbox batches (the claim itself is short; publishing is not serialized), so each
-- sees the others' committed claims and one reservation's events leave in order.
CREATE TABLE msgsvc_lock (
    name VARCHAR(40) PRIMARY KEY
);
INSERT INTO msgsvc_lock (name) VALUES ('outbox');

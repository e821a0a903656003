-- A reservation's own sending speed, if the customer gave one: at most speed_messages per speed_per (SECONDS, MINUTES
-- or HOURS).
ALTER TABLE msgsvc_reservation ADD COLUMN speed_messages INT,
    ADD COLUMN speed_per VARCHAR(10);

-- Bucket4j token buckets that hold sending speeds across every node (channel, customer, reservation), keyed by what
-- they limit and the speed; state is Bucket4j's serialized bucket. One untouched for a day is full again, so
-- retention cleanup may delete it.
CREATE TABLE msgsvc_rate_bucket (
    id         VARCHAR(200)  PRIMARY KEY,
    state      VARBINARY(1000),
    updated_at DATETIME(6)   NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Deliveries that never reached a channel: SKIPPED 9 (the recipient had opted out when its turn came) and
-- EXPIRED_UNSENT 10 (the reservation expired first). Counted apart from every channel result.
ALTER TABLE msgsvc_statistics ADD COLUMN skipped BIGINT NOT NULL DEFAULT 0;
ALTER TABLE msgsvc_statistics ADD COLUMN expired_unsent BIGINT NOT NULL DEFAULT 0;

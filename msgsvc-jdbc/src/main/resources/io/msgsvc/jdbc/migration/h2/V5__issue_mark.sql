-- The highest delivery sequence a sender may have handed to the channel: raised before the channel is called beyond
-- it, so after a crash the deliveries without a result that may have reached their recipients are known. -1: none.
ALTER TABLE msgsvc_reservation ADD COLUMN issued_through INTEGER NOT NULL DEFAULT -1;

-- Fewer index entries written per event on the split path (sender and relay apart from the projections).
-- A relay deletes outbox rows once published, so every row is unpublished: the primary key orders the take, and
-- an index of the unpublished rows was a second copy of it written for every event.
DROP INDEX msgsvc_outbox_unpublished;
-- Only relays that claim rows in turns (an in-process transport) set claimed_until: indexing claimed rows alone
-- serves their look-up of a reservation's earlier claimed events, and an append writes no entry here.
DROP INDEX msgsvc_outbox_claimed;
CREATE INDEX msgsvc_outbox_claimed ON msgsvc_outbox (reservation_id, claimed_until) WHERE claimed_until IS NOT NULL;
-- Applied-event records are written in the order applied, so a block-range index finds the old ones for clean-up
-- at a fraction of a b-tree's cost per record (three records per event when the roles project apart).
DROP INDEX msgsvc_applied_event_age;
CREATE INDEX msgsvc_applied_event_age ON msgsvc_applied_event USING brin (applied_at) WITH (autosummarize = on);

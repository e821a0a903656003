-- The rules a reservation is sent under (CampaignRules.encoded(): name=value lines, only those that differ from
-- the default). Null: the default rules, an informational message with no consent stated.
ALTER TABLE msgsvc_reservation ADD COLUMN rules VARCHAR(1000);

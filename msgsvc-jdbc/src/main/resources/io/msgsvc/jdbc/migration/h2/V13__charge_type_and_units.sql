-- Each charge records the message type it was sent as (a MessageType name: SMS, LMS) and the units it was billed
-- as (1, or its SMS segments when split). Charges from before were one SMS each.
ALTER TABLE msgsvc_charge ADD COLUMN message_type VARCHAR(8) NOT NULL DEFAULT 'SMS';
ALTER TABLE msgsvc_charge ADD COLUMN units INT NOT NULL DEFAULT 1;

-- The customer paused the reservation: it is not claimed (nor counted as due) until resumed. A sender that holds it
-- stops before its next send and releases the lease with its issue mark kept. A cancel clears it.
ALTER TABLE msgsvc_reservation ADD COLUMN paused BOOLEAN NOT NULL DEFAULT FALSE;

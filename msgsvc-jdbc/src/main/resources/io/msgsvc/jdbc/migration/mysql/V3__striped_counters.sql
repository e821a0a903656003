-- Running totals are split into stripes, so concurrent senders of one customer add to different rows instead of
-- queueing on one row lock until each commits. Readers add the stripes up.
ALTER TABLE msgsvc_billing_total ADD COLUMN stripe SMALLINT NOT NULL DEFAULT 0,
    DROP PRIMARY KEY, ADD PRIMARY KEY (customer_id, stripe);

ALTER TABLE msgsvc_statistics ADD COLUMN stripe SMALLINT NOT NULL DEFAULT 0,
    DROP PRIMARY KEY, ADD PRIMARY KEY (customer_id, period_start, stripe);

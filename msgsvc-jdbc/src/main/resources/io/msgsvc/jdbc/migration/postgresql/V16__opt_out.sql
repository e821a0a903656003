-- Opt-out (suppression) lists: one per customer (customer_id) and the global one (customer_id empty), at most
-- one entry per normalised address (E.164 phone number, lower-case e-mail address) on each; scope ADVERTISING or
-- ALL. The dispatcher looks up the addresses of each batch of deliveries in the customer's and the global list at
-- once, so the key leads with the address; listing one list by address takes the second index.
CREATE TABLE msgsvc_opt_out (
    address     VARCHAR(200)  NOT NULL,
    customer_id VARCHAR(128)  NOT NULL,
    scope       VARCHAR(16)   NOT NULL,
    reason      VARCHAR(200),
    created_at  TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (address, customer_id)
);
CREATE INDEX msgsvc_opt_out_list ON msgsvc_opt_out (customer_id, address);

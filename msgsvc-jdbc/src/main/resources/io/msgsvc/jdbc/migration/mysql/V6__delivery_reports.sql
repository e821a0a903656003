-- Delivery reports. A channel that reports delivery leaves an accepted delivery SUBMITTED (state 4) until its report
-- or the result timeout ends it: DELIVERED 5, UNDELIVERED 6, EXPIRED 7, UNKNOWN 8. The provider's reference finds a
-- delivery for a report that names it so; parts_in is a bit per part of a message sent in parts with its final report.
ALTER TABLE msgsvc_delivery ADD COLUMN provider_reference VARCHAR(200),
    ADD COLUMN report_status SMALLINT,
    ADD COLUMN reported_at DATETIME(6),
    ADD COLUMN parts SMALLINT,
    ADD COLUMN parts_in BIGINT,
    ADD COLUMN parts_worst SMALLINT;
CREATE INDEX msgsvc_delivery_reference ON msgsvc_delivery (provider_reference);

-- when the earliest awaited report of a reservation is overdue (the result timeout's sweep); null: none awaited
ALTER TABLE msgsvc_reservation ADD COLUMN reports_due_by DATETIME(6),
    ADD COLUMN awaiting_count INT NOT NULL DEFAULT 0,
    ADD COLUMN delivered_count INT NOT NULL DEFAULT 0,
    ADD COLUMN undelivered_count INT NOT NULL DEFAULT 0;
CREATE INDEX msgsvc_reservation_reports_due ON msgsvc_reservation (reports_due_by);

ALTER TABLE msgsvc_dashboard ADD COLUMN awaiting INT NOT NULL DEFAULT 0,
    ADD COLUMN delivered INT NOT NULL DEFAULT 0,
    ADD COLUMN undelivered INT NOT NULL DEFAULT 0;

-- unreported: deliveries without a final report within the result timeout
ALTER TABLE msgsvc_statistics ADD COLUMN submitted BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN delivered BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN undelivered BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN expired BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN unreported BIGINT NOT NULL DEFAULT 0;

ALTER TABLE msgsvc_billing_total ADD COLUMN refunds BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN refunded_amount DECIMAL(19, 6) NOT NULL DEFAULT 0;

-- at most one refund per delivery, of the amount it was charged
CREATE TABLE msgsvc_refund (
    reservation_id CHAR(36)           NOT NULL,
    seq            INT            NOT NULL,
    customer_id    VARCHAR(128)   NOT NULL,
    amount         DECIMAL(19, 6) NOT NULL,
    refunded_at    DATETIME(6)   NOT NULL,
    state          SMALLINT       NOT NULL,
    PRIMARY KEY (reservation_id, seq)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- reports that came before their send result was stored, named by delivery (reservation_id, seq) or by reference
CREATE TABLE msgsvc_parked_report (
    parked_id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    reservation_id     CHAR(36),
    seq                INT,
    provider_reference VARCHAR(200),
    customer_id        VARCHAR(128),
    status             SMALLINT       NOT NULL,
    provider_code      VARCHAR(100),
    reason             VARCHAR(1000),
    reported_at        DATETIME(6)   NOT NULL,
    units              INT,
    price              DECIMAL(19, 6),
    part               SMALLINT       NOT NULL,
    parts              SMALLINT       NOT NULL,
    parked_at          DATETIME(6)   NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX msgsvc_parked_report_delivery ON msgsvc_parked_report (reservation_id, seq);
CREATE INDEX msgsvc_parked_report_reference ON msgsvc_parked_report (provider_reference);
CREATE INDEX msgsvc_parked_report_age ON msgsvc_parked_report (parked_at);

-- msgsvc schema for MariaDB 10.6+ and MySQL 8+. Times are UTC. UUIDs are CHAR(36) so one script fits both.
-- utf8mb4 with a binary collation: any text, and ids that differ in case or trailing spaces stay different.
CREATE TABLE msgsvc_reservation (
    id                  CHAR(36)          PRIMARY KEY,
    customer_id         VARCHAR(128)  NOT NULL,
    subject             VARCHAR(998),
    body                MEDIUMTEXT    NOT NULL,
    recipient_count     INT           NOT NULL,
    send_at             DATETIME(6)   NOT NULL,
    created_at          DATETIME(6)   NOT NULL,
    idempotency_key     VARCHAR(200),
    request_fingerprint VARCHAR(64)   NOT NULL,
    phase               SMALLINT      NOT NULL,
    due_at              DATETIME(6)   NOT NULL,
    lease_owner         VARCHAR(128),
    lease_until         DATETIME(6) ,
    cancel_requested    BOOLEAN       NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    status_reason       VARCHAR(1000),
    sent_count          INT           NOT NULL,
    failed_count        INT           NOT NULL,
    cancelled_count     INT           NOT NULL,
    updated_at          DATETIME(6)   NOT NULL,
    CONSTRAINT msgsvc_reservation_idempotency UNIQUE (customer_id, idempotency_key)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- claims and the next due time look at open reservations by due time
CREATE INDEX msgsvc_reservation_due ON msgsvc_reservation (phase, due_at);
CREATE INDEX msgsvc_reservation_customer ON msgsvc_reservation (customer_id, created_at);

CREATE TABLE msgsvc_delivery (
    reservation_id CHAR(36)          NOT NULL,
    seq            INT           NOT NULL,
    recipient      VARCHAR(320)  NOT NULL,
    state          SMALLINT      NOT NULL DEFAULT 0,
    attempts       INT           NOT NULL DEFAULT 0,
    detail         VARCHAR(1000),
    completed_at   DATETIME(6) ,
    PRIMARY KEY (reservation_id, seq)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE msgsvc_outbox (
    outbox_id      BIGINT        AUTO_INCREMENT PRIMARY KEY,
    event_id       CHAR(36)          NOT NULL,
    reservation_id CHAR(36)          NOT NULL,
    event_type     VARCHAR(40)   NOT NULL,
    payload        MEDIUMTEXT    NOT NULL,
    created_at     DATETIME(6)   NOT NULL,
    claimed_until  DATETIME(6) ,
    published_at   DATETIME(6) 
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX msgsvc_outbox_unpublished ON msgsvc_outbox (published_at, outbox_id);
-- finds a reservation's events that another relay holds, to keep its events in order across relays
CREATE INDEX msgsvc_outbox_claimed ON msgsvc_outbox (reservation_id, claimed_until);

CREATE TABLE msgsvc_applied_event (
    consumer   VARCHAR(40)   NOT NULL,
    event_id   CHAR(36)          NOT NULL,
    applied_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (consumer, event_id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX msgsvc_applied_event_age ON msgsvc_applied_event (applied_at);

CREATE TABLE msgsvc_charge (
    reservation_id CHAR(36)           NOT NULL,
    seq            INT            NOT NULL,
    customer_id    VARCHAR(128)   NOT NULL,
    amount         DECIMAL(19, 6) NOT NULL,
    charged_at     DATETIME(6)    NOT NULL,
    PRIMARY KEY (reservation_id, seq)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE msgsvc_billing_total (
    customer_id VARCHAR(128)   PRIMARY KEY,
    charges     BIGINT         NOT NULL,
    amount      DECIMAL(19, 6) NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE msgsvc_statistics (
    customer_id  VARCHAR(128) NOT NULL,
    period_start DATETIME(6)  NOT NULL,
    reservations BIGINT       NOT NULL,
    sent         BIGINT       NOT NULL,
    failed       BIGINT       NOT NULL,
    rejected     BIGINT       NOT NULL,
    cancelled    BIGINT       NOT NULL,
    PRIMARY KEY (customer_id, period_start)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX msgsvc_statistics_period ON msgsvc_statistics (period_start);

CREATE TABLE msgsvc_dashboard (
    reservation_id CHAR(36)          PRIMARY KEY,
    customer_id    VARCHAR(128)  NOT NULL,
    total          INT           NOT NULL,
    sent           INT           NOT NULL,
    failed         INT           NOT NULL,
    cancelled      INT           NOT NULL,
    status         VARCHAR(20),
    created_at     DATETIME(6)   NOT NULL,
    updated_at     DATETIME(6)   NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX msgsvc_dashboard_customer ON msgsvc_dashboard (customer_id, created_at);

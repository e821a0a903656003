package io.msgsvc.jdbc;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Tables and columns of the msgsvc schema (see the migration scripts), for type-safe jOOQ queries. */
final class Schema {
    private Schema() {}

    static final DataType<LocalDateTime> TIME = SQLDataType.LOCALDATETIME(6);

    private static Table<Record> table(String name) {
        return DSL.table(DSL.name(name));
    }

    private static <T> Field<T> field(Table<?> table, String column, DataType<T> type) {
        return DSL.field(DSL.name(table.getName(), column), type);
    }

    static final class ReservationTable {
        static final Table<Record> T = table("msgsvc_reservation");
        static final Field<UUID> ID = field(T, "id", SQLDataType.UUID);
        static final Field<String> CUSTOMER_ID = field(T, "customer_id", SQLDataType.VARCHAR);
        static final Field<String> SUBJECT = field(T, "subject", SQLDataType.VARCHAR);
        static final Field<String> BODY = field(T, "body", SQLDataType.CLOB);
        static final Field<Integer> RECIPIENT_COUNT = field(T, "recipient_count", SQLDataType.INTEGER);
        static final Field<LocalDateTime> SEND_AT = field(T, "send_at", TIME);
        static final Field<LocalDateTime> CREATED_AT = field(T, "created_at", TIME);
        static final Field<String> IDEMPOTENCY_KEY = field(T, "idempotency_key", SQLDataType.VARCHAR);
        static final Field<String> REQUEST_FINGERPRINT = field(T, "request_fingerprint", SQLDataType.VARCHAR);
        static final Field<Short> PHASE = field(T, "phase", SQLDataType.SMALLINT);
        static final Field<LocalDateTime> DUE_AT = field(T, "due_at", TIME);
        static final Field<String> LEASE_OWNER = field(T, "lease_owner", SQLDataType.VARCHAR);
        static final Field<LocalDateTime> LEASE_UNTIL = field(T, "lease_until", TIME);
        static final Field<Boolean> CANCEL_REQUESTED = field(T, "cancel_requested", SQLDataType.BOOLEAN);
        static final Field<Integer> ISSUED_THROUGH = field(T, "issued_through", SQLDataType.INTEGER);
        static final Field<Boolean> PAUSED = field(T, "paused", SQLDataType.BOOLEAN);
        static final Field<String> STATUS = field(T, "status", SQLDataType.VARCHAR);
        static final Field<String> STATUS_REASON = field(T, "status_reason", SQLDataType.VARCHAR);
        static final Field<Integer> SENT_COUNT = field(T, "sent_count", SQLDataType.INTEGER);
        static final Field<Integer> FAILED_COUNT = field(T, "failed_count", SQLDataType.INTEGER);
        static final Field<Integer> CANCELLED_COUNT = field(T, "cancelled_count", SQLDataType.INTEGER);
        static final Field<Integer> AWAITING_COUNT = field(T, "awaiting_count", SQLDataType.INTEGER);
        static final Field<Integer> DELIVERED_COUNT = field(T, "delivered_count", SQLDataType.INTEGER);
        static final Field<Integer> UNDELIVERED_COUNT = field(T, "undelivered_count", SQLDataType.INTEGER);
        static final Field<LocalDateTime> REPORTS_DUE_BY = field(T, "reports_due_by", TIME);
        static final Field<LocalDateTime> UPDATED_AT = field(T, "updated_at", TIME);
        static final Field<Integer> SPEED_MESSAGES = field(T, "speed_messages", SQLDataType.INTEGER);
        static final Field<String> SPEED_PER = field(T, "speed_per", SQLDataType.VARCHAR);
        /** {@code TraceContext.encoded()}; null when registered outside any trace. */
        static final Field<String> TRACE_CONTEXT = field(T, "trace_context", SQLDataType.VARCHAR);
        /** {@code CampaignRules.encoded()}; null for the default rules. */
        static final Field<String> RULES = field(T, "rules", SQLDataType.VARCHAR);

        static final List<Field<?>> ALL = List.of(
                ID,
                CUSTOMER_ID,
                SUBJECT,
                BODY,
                RECIPIENT_COUNT,
                SEND_AT,
                CREATED_AT,
                IDEMPOTENCY_KEY,
                REQUEST_FINGERPRINT,
                RULES,
                PHASE,
                DUE_AT,
                LEASE_OWNER,
                LEASE_UNTIL,
                CANCEL_REQUESTED,
                STATUS,
                STATUS_REASON,
                SENT_COUNT,
                FAILED_COUNT,
                CANCELLED_COUNT,
                AWAITING_COUNT,
                DELIVERED_COUNT,
                UNDELIVERED_COUNT,
                UPDATED_AT,
                SPEED_MESSAGES,
                SPEED_PER);

        /** Values of {@link #PHASE}: the dispatch lifecycle, apart from the status customers see. */
        static final short SCHEDULED = 0;

        static final short DISPATCHING = 1;
        static final short CLOSED = 2;
    }

    static final class DeliveryTable {
        static final Table<Record> T = table("msgsvc_delivery");
        static final Field<UUID> RESERVATION_ID = field(T, "reservation_id", SQLDataType.UUID);
        static final Field<Integer> SEQ = field(T, "seq", SQLDataType.INTEGER);
        static final Field<String> RECIPIENT = field(T, "recipient", SQLDataType.VARCHAR);
        static final Field<Short> STATE = field(T, "state", SQLDataType.SMALLINT);
        static final Field<Integer> ATTEMPTS = field(T, "attempts", SQLDataType.INTEGER);
        static final Field<String> DETAIL = field(T, "detail", SQLDataType.VARCHAR);
        static final Field<LocalDateTime> COMPLETED_AT = field(T, "completed_at", TIME);
        static final Field<String> PROVIDER_REFERENCE = field(T, "provider_reference", SQLDataType.VARCHAR);
        static final Field<Short> REPORT_STATUS = field(T, "report_status", SQLDataType.SMALLINT);
        static final Field<LocalDateTime> REPORTED_AT = field(T, "reported_at", TIME);
        static final Field<Short> PARTS = field(T, "parts", SQLDataType.SMALLINT);
        static final Field<Long> PARTS_IN = field(T, "parts_in", SQLDataType.BIGINT);
        static final Field<Short> PARTS_WORST = field(T, "parts_worst", SQLDataType.SMALLINT);
        /** {@link VariablesColumn}: null when the text is sent as written. */
        static final Field<String> VARIABLES = field(T, "variables", SQLDataType.CLOB);
    }

    static final class ParkedReportTable {
        static final Table<Record> T = table("msgsvc_parked_report");
        static final Field<Long> PARKED_ID = field(T, "parked_id", SQLDataType.BIGINT);
        static final Field<UUID> RESERVATION_ID = field(T, "reservation_id", SQLDataType.UUID);
        static final Field<Integer> SEQ = field(T, "seq", SQLDataType.INTEGER);
        static final Field<String> PROVIDER_REFERENCE = field(T, "provider_reference", SQLDataType.VARCHAR);
        static final Field<String> CUSTOMER_ID = field(T, "customer_id", SQLDataType.VARCHAR);
        static final Field<Short> STATUS = field(T, "status", SQLDataType.SMALLINT);
        static final Field<String> PROVIDER_CODE = field(T, "provider_code", SQLDataType.VARCHAR);
        static final Field<String> REASON = field(T, "reason", SQLDataType.VARCHAR);
        static final Field<LocalDateTime> REPORTED_AT = field(T, "reported_at", TIME);
        static final Field<Integer> UNITS = field(T, "units", SQLDataType.INTEGER);
        static final Field<BigDecimal> PRICE = field(T, "price", SQLDataType.DECIMAL(19, 6));
        static final Field<Short> PART = field(T, "part", SQLDataType.SMALLINT);
        static final Field<Short> PARTS = field(T, "parts", SQLDataType.SMALLINT);
        static final Field<LocalDateTime> PARKED_AT = field(T, "parked_at", TIME);
        static final List<Field<?>> ALL = List.of(
                PARKED_ID,
                RESERVATION_ID,
                SEQ,
                PROVIDER_REFERENCE,
                CUSTOMER_ID,
                STATUS,
                PROVIDER_CODE,
                REASON,
                REPORTED_AT,
                UNITS,
                PRICE,
                PART,
                PARTS,
                PARKED_AT);
    }

    static final class OutboxTable {
        static final Table<Record> T = table("msgsvc_outbox");
        static final Field<Long> OUTBOX_ID = field(T, "outbox_id", SQLDataType.BIGINT);
        static final Field<UUID> EVENT_ID = field(T, "event_id", SQLDataType.UUID);
        static final Field<UUID> RESERVATION_ID = field(T, "reservation_id", SQLDataType.UUID);
        static final Field<String> EVENT_TYPE = field(T, "event_type", SQLDataType.VARCHAR);
        static final Field<String> PAYLOAD = field(T, "payload", SQLDataType.CLOB);
        static final Field<LocalDateTime> CREATED_AT = field(T, "created_at", TIME);
        static final Field<LocalDateTime> CLAIMED_UNTIL = field(T, "claimed_until", TIME);
        static final Field<LocalDateTime> PUBLISHED_AT = field(T, "published_at", TIME);
    }

    static final class LockTable {
        static final Table<Record> T = table("msgsvc_lock");
        static final Field<String> NAME = field(T, "name", SQLDataType.VARCHAR);
    }

    static final class AppliedEventTable {
        static final Table<Record> T = table("msgsvc_applied_event");
        static final Field<String> CONSUMER = field(T, "consumer", SQLDataType.VARCHAR);
        static final Field<UUID> EVENT_ID = field(T, "event_id", SQLDataType.UUID);
        static final Field<LocalDateTime> APPLIED_AT = field(T, "applied_at", TIME);
    }

    static final class ChargeTable {
        static final Table<Record> T = table("msgsvc_charge");
        static final Field<UUID> RESERVATION_ID = field(T, "reservation_id", SQLDataType.UUID);
        static final Field<Integer> SEQ = field(T, "seq", SQLDataType.INTEGER);
        static final Field<String> CUSTOMER_ID = field(T, "customer_id", SQLDataType.VARCHAR);
        static final Field<BigDecimal> AMOUNT = field(T, "amount", SQLDataType.DECIMAL(19, 6));
        static final Field<LocalDateTime> CHARGED_AT = field(T, "charged_at", TIME);
        /** The {@code MessageType} name (V13; rows from before read {@code SMS}). */
        static final Field<String> MESSAGE_TYPE = field(T, "message_type", SQLDataType.VARCHAR);

        static final Field<Integer> UNITS = field(T, "units", SQLDataType.INTEGER);
    }

    static final class RefundTable {
        static final Table<Record> T = table("msgsvc_refund");
        static final Field<UUID> RESERVATION_ID = field(T, "reservation_id", SQLDataType.UUID);
        static final Field<Integer> SEQ = field(T, "seq", SQLDataType.INTEGER);
        static final Field<String> CUSTOMER_ID = field(T, "customer_id", SQLDataType.VARCHAR);
        static final Field<BigDecimal> AMOUNT = field(T, "amount", SQLDataType.DECIMAL(19, 6));
        static final Field<LocalDateTime> REFUNDED_AT = field(T, "refunded_at", TIME);
        static final Field<Short> STATE = field(T, "state", SQLDataType.SMALLINT);
    }

    static final class BillingTotalTable {
        static final Table<Record> T = table("msgsvc_billing_total");
        static final Field<String> CUSTOMER_ID = field(T, "customer_id", SQLDataType.VARCHAR);
        static final Field<Long> CHARGES = field(T, "charges", SQLDataType.BIGINT);
        static final Field<BigDecimal> AMOUNT = field(T, "amount", SQLDataType.DECIMAL(19, 6));
        static final Field<Long> REFUNDS = field(T, "refunds", SQLDataType.BIGINT);
        static final Field<BigDecimal> REFUNDED_AMOUNT = field(T, "refunded_amount", SQLDataType.DECIMAL(19, 6));
        static final Field<Short> STRIPE = field(T, "stripe", SQLDataType.SMALLINT);
    }

    static final class StatisticsTable {
        static final Table<Record> T = table("msgsvc_statistics");
        static final Field<String> CUSTOMER_ID = field(T, "customer_id", SQLDataType.VARCHAR);
        static final Field<LocalDateTime> PERIOD_START = field(T, "period_start", TIME);
        static final Field<Long> RESERVATIONS = field(T, "reservations", SQLDataType.BIGINT);
        static final Field<Long> SENT = field(T, "sent", SQLDataType.BIGINT);
        static final Field<Long> FAILED = field(T, "failed", SQLDataType.BIGINT);
        static final Field<Long> REJECTED = field(T, "rejected", SQLDataType.BIGINT);
        static final Field<Long> CANCELLED = field(T, "cancelled", SQLDataType.BIGINT);
        static final Field<Long> SUBMITTED = field(T, "submitted", SQLDataType.BIGINT);
        static final Field<Long> DELIVERED = field(T, "delivered", SQLDataType.BIGINT);
        static final Field<Long> UNDELIVERED = field(T, "undelivered", SQLDataType.BIGINT);
        static final Field<Long> EXPIRED = field(T, "expired", SQLDataType.BIGINT);
        /** Deliveries without a final report in time: {@code StatisticsCounters.unknown}. */
        static final Field<Long> UNREPORTED = field(T, "unreported", SQLDataType.BIGINT);

        static final Field<Long> SKIPPED = field(T, "skipped", SQLDataType.BIGINT);
        static final Field<Long> EXPIRED_UNSENT = field(T, "expired_unsent", SQLDataType.BIGINT);

        static final Field<Short> STRIPE = field(T, "stripe", SQLDataType.SMALLINT);
    }

    static final class DashboardTable {
        static final Table<Record> T = table("msgsvc_dashboard");
        static final Field<UUID> RESERVATION_ID = field(T, "reservation_id", SQLDataType.UUID);
        static final Field<String> CUSTOMER_ID = field(T, "customer_id", SQLDataType.VARCHAR);
        static final Field<Integer> TOTAL = field(T, "total", SQLDataType.INTEGER);
        static final Field<Integer> SENT = field(T, "sent", SQLDataType.INTEGER);
        static final Field<Integer> FAILED = field(T, "failed", SQLDataType.INTEGER);
        static final Field<Integer> CANCELLED = field(T, "cancelled", SQLDataType.INTEGER);
        static final Field<Integer> AWAITING = field(T, "awaiting", SQLDataType.INTEGER);
        static final Field<Integer> DELIVERED = field(T, "delivered", SQLDataType.INTEGER);
        static final Field<Integer> UNDELIVERED = field(T, "undelivered", SQLDataType.INTEGER);
        static final Field<String> STATUS = field(T, "status", SQLDataType.VARCHAR);
        static final Field<LocalDateTime> CREATED_AT = field(T, "created_at", TIME);
        static final Field<LocalDateTime> UPDATED_AT = field(T, "updated_at", TIME);
        static final Field<LocalDateTime> STARTED_AT = field(T, "started_at", TIME);
        static final Field<LocalDateTime> NEXT_SEND_AT = field(T, "next_send_at", TIME);
        static final List<Field<?>> ALL = List.of(
                RESERVATION_ID,
                CUSTOMER_ID,
                TOTAL,
                SENT,
                FAILED,
                CANCELLED,
                AWAITING,
                DELIVERED,
                UNDELIVERED,
                STATUS,
                CREATED_AT,
                UPDATED_AT,
                STARTED_AT,
                NEXT_SEND_AT);
    }

    static final class RateBucketTable {
        static final Table<Record> T = table("msgsvc_rate_bucket");
        static final Field<String> ID = field(T, "id", SQLDataType.VARCHAR);
        static final Field<byte[]> STATE = field(T, "state", SQLDataType.VARBINARY);
        static final Field<LocalDateTime> UPDATED_AT = field(T, "updated_at", TIME);
    }

    static final class OptOutTable {
        static final Table<Record> T = table("msgsvc_opt_out");
        static final Field<String> ADDRESS = field(T, "address", SQLDataType.VARCHAR);
        /** The customer whose list holds it; the empty string for the global list. */
        static final Field<String> CUSTOMER_ID = field(T, "customer_id", SQLDataType.VARCHAR);

        static final Field<String> SCOPE = field(T, "scope", SQLDataType.VARCHAR);
        static final Field<String> REASON = field(T, "reason", SQLDataType.VARCHAR);
        static final Field<LocalDateTime> CREATED_AT = field(T, "created_at", TIME);
        static final List<Field<?>> ALL = List.of(ADDRESS, CUSTOMER_ID, SCOPE, REASON, CREATED_AT);
    }
}

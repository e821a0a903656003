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
        static final Field<String> STATUS = field(T, "status", SQLDataType.VARCHAR);
        static final Field<String> STATUS_REASON = field(T, "status_reason", SQLDataType.VARCHAR);
        static final Field<Integer> SENT_COUNT = field(T, "sent_count", SQLDataType.INTEGER);
        static final Field<Integer> FAILED_COUNT = field(T, "failed_count", SQLDataType.INTEGER);
        static final Field<Integer> CANCELLED_COUNT = field(T, "cancelled_count", SQLDataType.INTEGER);
        static final Field<LocalDateTime> UPDATED_AT = field(T, "updated_at", TIME);

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
                UPDATED_AT);

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
    }

    static final class BillingTotalTable {
        static final Table<Record> T = table("msgsvc_billing_total");
        static final Field<String> CUSTOMER_ID = field(T, "customer_id", SQLDataType.VARCHAR);
        static final Field<Long> CHARGES = field(T, "charges", SQLDataType.BIGINT);
        static final Field<BigDecimal> AMOUNT = field(T, "amount", SQLDataType.DECIMAL(19, 6));
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
        static final Field<String> STATUS = field(T, "status", SQLDataType.VARCHAR);
        static final Field<LocalDateTime> CREATED_AT = field(T, "created_at", TIME);
        static final Field<LocalDateTime> UPDATED_AT = field(T, "updated_at", TIME);
        static final List<Field<?>> ALL =
                List.of(RESERVATION_ID, CUSTOMER_ID, TOTAL, SENT, FAILED, CANCELLED, STATUS, CREATED_AT, UPDATED_AT);
    }
}

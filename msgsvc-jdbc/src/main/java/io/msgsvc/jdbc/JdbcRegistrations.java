package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.instant;
import static io.msgsvc.jdbc.Db.ts;

import com.github.benmanes.caffeine.cache.Cache;
import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.jdbc.Schema.DeliveryTable;
import io.msgsvc.jdbc.Schema.ReservationTable;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.Registration;
import io.msgsvc.spi.Registrations;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.TraceContext;
import io.msgsvc.spi.Written;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Registration in SQL: the reservation row, its delivery rows and, on PostgreSQL, a NOTIFY that wakes the other
 * nodes' schedulers on commit. Reservation rows customers poll are served from a cache the status projection keeps
 * current.
 */
final class JdbcRegistrations implements Registrations {
    private static final int INSERT_CHUNK = 1000;
    /** Far below MySQL's and MariaDB's default packet (16-64 MiB), even with every character sent as four bytes. */
    private static final long VARIABLES_PER_STATEMENT = 2_000_000;

    private final Db db;
    private final Cache<ReservationId, Reservation> cache;

    JdbcRegistrations(Db db, Cache<ReservationId, Reservation> cache) {
        this.db = db;
        this.cache = cache;
    }

    /**
     * A concurrent registration with the same key that commits first makes this one fail on the unique key; the
     * storage runs the transaction again, and it finds that reservation.
     */
    @Override
    public Written<Registration> register(StorageTx tx, NewReservation r, ReservationEvent.Reserved reserved) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        if (r.idempotencyKey() != null) {
            Optional<Registration> existing = byIdempotencyKey(ctx, r.customerId(), r.idempotencyKey());
            if (existing.isPresent()) {
                return Written.quietly(existing.get());
            }
        }
        try {
            insertReservation(ctx, r);
        } catch (IntegrityConstraintViolationException raced) {
            // a concurrent registration took the key; in the host's transaction, which is not ours to run again,
            // answer with the winner where the database lets the transaction go on (PostgreSQL aborts it)
            if (!tx.sharedWithHost() || r.idempotencyKey() == null) {
                throw raced;
            }
            return Written.quietly(
                    byIdempotencyKey(ctx, r.customerId(), r.idempotencyKey()).orElseThrow(() -> raced));
        }
        insertDeliveries(ctx, r);
        PostgresNotifications.notifyDueTimes(db, ctx);
        Reservation stored = toReservation(ctx.select(ReservationTable.ALL)
                .from(ReservationTable.T)
                .where(ReservationTable.ID.eq(r.id().value()))
                .fetchSingle());
        return Written.with(new Registration(stored, true, r.requestFingerprint()), reserved);
    }

    private Optional<Registration> byIdempotencyKey(DSLContext ctx, String customerId, String key) {
        Record row = ctx.select(ReservationTable.ALL)
                .from(ReservationTable.T)
                .where(ReservationTable.CUSTOMER_ID.eq(customerId))
                .and(ReservationTable.IDEMPOTENCY_KEY.eq(key))
                .fetchOne();
        return Optional.ofNullable(row)
                .map(x -> new Registration(toReservation(x), false, x.get(ReservationTable.REQUEST_FINGERPRINT)));
    }

    private static void insertReservation(DSLContext ctx, NewReservation r) {
        LocalDateTime created = ts(r.createdAt());
        ctx.insertInto(ReservationTable.T)
                .set(ReservationTable.ID, r.id().value())
                .set(ReservationTable.CUSTOMER_ID, r.customerId())
                .set(ReservationTable.SUBJECT, r.subject())
                .set(ReservationTable.BODY, r.text())
                .set(ReservationTable.RECIPIENT_COUNT, r.recipients().size())
                .set(ReservationTable.SEND_AT, ts(r.sendAt()))
                .set(ReservationTable.CREATED_AT, created)
                .set(ReservationTable.IDEMPOTENCY_KEY, r.idempotencyKey())
                .set(ReservationTable.REQUEST_FINGERPRINT, r.requestFingerprint())
                .set(ReservationTable.PHASE, ReservationTable.SCHEDULED)
                .set(ReservationTable.DUE_AT, ts(r.sendAt()))
                .set(ReservationTable.CANCEL_REQUESTED, false)
                .set(ReservationTable.STATUS, ReservationStatus.SCHEDULED.name())
                .set(ReservationTable.SENT_COUNT, 0)
                .set(ReservationTable.FAILED_COUNT, 0)
                .set(ReservationTable.CANCELLED_COUNT, 0)
                .set(ReservationTable.UPDATED_AT, created)
                .set(
                        ReservationTable.SPEED_MESSAGES,
                        r.sendingSpeed() == null ? null : r.sendingSpeed().messages())
                .set(
                        ReservationTable.SPEED_PER,
                        r.sendingSpeed() == null ? null : r.sendingSpeed().per().name())
                .set(ReservationTable.TRACE_CONTEXT, r.traceContext().encoded())
                .set(ReservationTable.RULES, r.rules().encoded())
                .execute();
    }

    /**
     * Multi-row inserts in chunks: a 100 000-recipient list is 100 statements, not 100 000. A chunk also ends once its
     * variables reach {@link #VARIABLES_PER_STATEMENT} characters, so large templates stay within a MySQL or MariaDB
     * packet; a text sent as written binds no variables column at all.
     */
    private static void insertDeliveries(DSLContext ctx, NewReservation r) {
        UUID id = r.id().value();
        List<String> recipients = r.recipients();
        List<Map<String, String>> variables = r.recipientVariables();
        boolean withVariables = !variables.isEmpty();
        var columns = withVariables
                ? List.<Field<?>>of(
                        DeliveryTable.RESERVATION_ID,
                        DeliveryTable.SEQ,
                        DeliveryTable.RECIPIENT,
                        DeliveryTable.VARIABLES)
                : List.<Field<?>>of(DeliveryTable.RESERVATION_ID, DeliveryTable.SEQ, DeliveryTable.RECIPIENT);
        int seq = 0;
        while (seq < recipients.size()) {
            var insert = ctx.insertInto(DeliveryTable.T, columns);
            long characters = 0;
            int end = Math.min(recipients.size(), seq + INSERT_CHUNK);
            for (; seq < end && characters < VARIABLES_PER_STATEMENT; seq++) {
                if (withVariables) {
                    String encoded = VariablesColumn.encode(variables.get(seq));
                    characters += encoded == null ? 0 : encoded.length();
                    insert = insert.values(id, seq, recipients.get(seq), encoded);
                } else {
                    insert = insert.values(id, seq, recipients.get(seq));
                }
            }
            insert.execute();
        }
    }

    @Override
    public TraceContext traceContext(StorageTx tx, ReservationId id) {
        return TraceContext.decode(JdbcTx.ctx(tx, db)
                .select(ReservationTable.TRACE_CONTEXT)
                .from(ReservationTable.T)
                .where(ReservationTable.ID.eq(id.value()))
                .fetchOne(ReservationTable.TRACE_CONTEXT));
    }

    @Override
    public Optional<Reservation> find(ReservationId id) {
        Reservation cached = cache.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Reservation> found = db.read(ctx -> Optional.ofNullable(ctx.select(ReservationTable.ALL)
                        .from(ReservationTable.T)
                        .where(ReservationTable.ID.eq(id.value()))
                        .fetchOne())
                .map(JdbcRegistrations::toReservation));
        found.ifPresent(r -> cache.put(id, r));
        return found;
    }

    private static Reservation toReservation(Record row) {
        return new Reservation(
                new ReservationId(row.get(ReservationTable.ID)),
                row.get(ReservationTable.CUSTOMER_ID),
                row.get(ReservationTable.SUBJECT),
                row.get(ReservationTable.BODY),
                row.get(ReservationTable.RECIPIENT_COUNT),
                instant(row.get(ReservationTable.SEND_AT)),
                instant(row.get(ReservationTable.CREATED_AT)),
                row.get(ReservationTable.IDEMPOTENCY_KEY),
                ReservationStatus.valueOf(row.get(ReservationTable.STATUS)),
                row.get(ReservationTable.STATUS_REASON),
                row.get(ReservationTable.SENT_COUNT),
                row.get(ReservationTable.FAILED_COUNT),
                row.get(ReservationTable.CANCELLED_COUNT),
                row.get(ReservationTable.AWAITING_COUNT),
                row.get(ReservationTable.DELIVERED_COUNT),
                row.get(ReservationTable.UNDELIVERED_COUNT),
                instant(row.get(ReservationTable.UPDATED_AT)),
                speed(row),
                CampaignRules.decode(row.get(ReservationTable.RULES)));
    }

    static SendingSpeed speed(Record row) {
        Integer messages = row.get(ReservationTable.SPEED_MESSAGES);
        return messages == null
                ? null
                : new SendingSpeed(messages, ChronoUnit.valueOf(row.get(ReservationTable.SPEED_PER)));
    }

    @Override
    public List<Delivery> deliveries(ReservationId id, int fromSequence, int limit) {
        return db.read(ctx -> ctx.select(
                        DeliveryTable.SEQ,
                        DeliveryTable.RECIPIENT,
                        DeliveryTable.STATE,
                        DeliveryTable.ATTEMPTS,
                        DeliveryTable.DETAIL,
                        DeliveryTable.COMPLETED_AT,
                        DeliveryTable.PROVIDER_REFERENCE,
                        DeliveryTable.REPORT_STATUS,
                        DeliveryTable.REPORTED_AT,
                        DeliveryTable.VARIABLES)
                .from(DeliveryTable.T)
                .where(DeliveryTable.RESERVATION_ID.eq(id.value()))
                .and(DeliveryTable.SEQ.ge(fromSequence))
                .orderBy(DeliveryTable.SEQ)
                .limit(limit)
                .fetch(row -> new Delivery(
                        new DeliveryId(id, row.get(DeliveryTable.SEQ)),
                        row.get(DeliveryTable.RECIPIENT),
                        DeliveryState.values()[row.get(DeliveryTable.STATE)],
                        row.get(DeliveryTable.ATTEMPTS),
                        row.get(DeliveryTable.DETAIL),
                        instant(row.get(DeliveryTable.COMPLETED_AT)),
                        row.get(DeliveryTable.PROVIDER_REFERENCE),
                        reportStatus(row.get(DeliveryTable.REPORT_STATUS)),
                        instant(row.get(DeliveryTable.REPORTED_AT)),
                        VariablesColumn.decode(row.get(DeliveryTable.VARIABLES)))));
    }

    private static ReportStatus reportStatus(Short stored) {
        return stored == null ? null : ReportStatus.values()[stored];
    }

    @Override
    public Page<Reservation> findByCustomer(String customerId, PageRequest page) {
        return db.read(ctx -> {
            int total = ctx.fetchCount(ReservationTable.T, ReservationTable.CUSTOMER_ID.eq(customerId));
            List<Reservation> items = ctx.select(ReservationTable.ALL)
                    .from(ReservationTable.T)
                    .where(ReservationTable.CUSTOMER_ID.eq(customerId))
                    .orderBy(ReservationTable.CREATED_AT.desc(), ReservationTable.ID.desc())
                    .limit(page.size())
                    .offset(page.offset())
                    .fetch(JdbcRegistrations::toReservation);
            return new Page<>(items, page.page(), page.size(), total);
        });
    }
}

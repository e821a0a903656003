package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.instant;
import static io.msgsvc.jdbc.Db.ts;

import com.github.benmanes.caffeine.cache.Cache;
import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.jdbc.Schema.DeliveryTable;
import io.msgsvc.jdbc.Schema.OutboxTable;
import io.msgsvc.jdbc.Schema.ReservationTable;
import io.msgsvc.json.EventJson;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.Registration;
import io.msgsvc.spi.ReservationStore;
import io.msgsvc.spi.ResultAck;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The write model in SQL: every method is one transaction. */
final class JdbcReservationStore implements ReservationStore {
    private static final int INSERT_CHUNK = 1000;
    static final String DUE_CHANNEL = "msgsvc_due";
    private static final String PROGRESS_CONSUMER = "status";
    private static final Table<Record> EARLIER = OutboxTable.T.as("earlier");
    private static final Field<UUID> EARLIER_RESERVATION_ID =
            DSL.field(DSL.name("earlier", "reservation_id"), SQLDataType.UUID);
    private static final Field<Long> EARLIER_OUTBOX_ID =
            DSL.field(DSL.name("earlier", "outbox_id"), SQLDataType.BIGINT);
    private static final Field<LocalDateTime> EARLIER_PUBLISHED_AT =
            DSL.field(DSL.name("earlier", "published_at"), Schema.TIME);
    private static final Field<LocalDateTime> EARLIER_CLAIMED_UNTIL =
            DSL.field(DSL.name("earlier", "claimed_until"), Schema.TIME);

    private static final String RECORD_RESULT = "update msgsvc_delivery set state = ?, attempts = ?, detail = ?,"
            + " completed_at = ? where reservation_id = ? and seq = ?";

    private static final String RECORD_RESULTS_POSTGRES = "update msgsvc_delivery as d set state = u.state,"
            + " attempts = u.attempts, detail = u.detail, completed_at = u.completed_at::timestamp"
            + " from unnest(?::int2[], ?::int4[], ?::text[], ?::text[], ?::uuid[], ?::int4[])"
            + " as u(state, attempts, detail, completed_at, reservation_id, seq)"
            + " where d.reservation_id = u.reservation_id and d.seq = u.seq";
    private static final List<String> RECORD_RESULTS_TYPES = List.of("int2", "int4", "text", "text", "uuid", "int4");

    private static final String PENDING_DELIVERIES = "select seq, recipient, attempts, detail from msgsvc_delivery"
            + " where reservation_id = ? and seq >= ? and state = ? order by seq limit ?";

    /** How long a relay may hold events before another relay takes them: the lag after a node dies. */
    private static final Duration OUTBOX_CLAIM = Duration.ofSeconds(10);

    private final Db db;
    private final EventJson json;
    private final Cache<ReservationId, Reservation> cache;
    private final JdbcStorage.TimeSource timeSource;

    JdbcReservationStore(
            Db db, EventJson json, Cache<ReservationId, Reservation> cache, JdbcStorage.TimeSource timeSource) {
        this.db = db;
        this.json = json;
        this.cache = cache;
        this.timeSource = timeSource;
    }

    /** "Now" for due times and leases. */
    private Instant now(DSLContext ctx, Instant engineNow) {
        return timeSource == JdbcStorage.TimeSource.ENGINE ? engineNow : db.now(ctx);
    }

    @Override
    public Registration register(NewReservation r, ReservationEvent.Reserved reserved) {
        try {
            return db.tx(ctx -> {
                if (r.idempotencyKey() != null) {
                    Optional<Registration> existing = byIdempotencyKey(ctx, r.customerId(), r.idempotencyKey());
                    if (existing.isPresent()) {
                        return existing.get();
                    }
                }
                insertReservation(ctx, r);
                insertDeliveries(ctx, r);
                appendEvents(ctx, List.of(reserved));
                notifyDueTimes(ctx);
                return new Registration(view(ctx, r.id()), true, r.requestFingerprint());
            });
        } catch (IntegrityConstraintViolationException raced) {
            // a concurrent retry with the same key committed first: answer with its reservation (inside an inline
            // transaction the failed insert aborted it, and the whole transaction runs again and finds the key)
            if (r.idempotencyKey() == null || db.projectingInline()) {
                throw raced;
            }
            return db.read(ctx -> byIdempotencyKey(ctx, r.customerId(), r.idempotencyKey()))
                    .orElseThrow(() -> raced);
        }
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
                .execute();
    }

    /** Multi-row inserts in chunks: a 100 000-recipient list is 100 statements, not 100 000. */
    private static void insertDeliveries(DSLContext ctx, NewReservation r) {
        UUID id = r.id().value();
        List<String> recipients = r.recipients();
        for (int start = 0; start < recipients.size(); start += INSERT_CHUNK) {
            int end = Math.min(recipients.size(), start + INSERT_CHUNK);
            var insert = ctx.insertInto(
                    DeliveryTable.T, DeliveryTable.RESERVATION_ID, DeliveryTable.SEQ, DeliveryTable.RECIPIENT);
            for (int seq = start; seq < end; seq++) {
                insert = insert.values(id, seq, recipients.get(seq));
            }
            insert.execute();
        }
    }

    private void appendEvents(DSLContext ctx, List<? extends ReservationEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Consumer<List<ReservationEvent>> projector = db.inlineProjector();
        if (projector != null) {
            projector.accept(List.copyOf(events));
            return;
        }
        var insert = ctx.insertInto(
                OutboxTable.T,
                OutboxTable.EVENT_ID,
                OutboxTable.RESERVATION_ID,
                OutboxTable.EVENT_TYPE,
                OutboxTable.PAYLOAD,
                OutboxTable.CREATED_AT);
        for (ReservationEvent e : events) {
            insert =
                    insert.values(e.eventId(), e.reservationId().value(), e.type(), json.encode(e), ts(e.occurredAt()));
        }
        insert.execute();
    }

    /** Wakes the schedulers of other nodes on commit (PostgreSQL); elsewhere they find the work on their poll. */
    private void notifyDueTimes(DSLContext ctx) {
        if (db.isPostgres()) {
            ctx.fetch("select pg_notify(?, '')", DUE_CHANNEL);
        }
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
                .map(JdbcReservationStore::toReservation));
        found.ifPresent(r -> cache.put(id, r));
        return found;
    }

    private static Reservation view(DSLContext ctx, ReservationId id) {
        return toReservation(ctx.select(ReservationTable.ALL)
                .from(ReservationTable.T)
                .where(ReservationTable.ID.eq(id.value()))
                .fetchSingle());
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
                instant(row.get(ReservationTable.UPDATED_AT)));
    }

    @Override
    public List<Delivery> deliveries(ReservationId id, int fromSequence, int limit) {
        return db.read(ctx -> ctx.select(
                        DeliveryTable.SEQ,
                        DeliveryTable.RECIPIENT,
                        DeliveryTable.STATE,
                        DeliveryTable.ATTEMPTS,
                        DeliveryTable.DETAIL,
                        DeliveryTable.COMPLETED_AT)
                .from(DeliveryTable.T)
                .where(DeliveryTable.RESERVATION_ID.eq(id.value()))
                .and(DeliveryTable.SEQ.ge(fromSequence))
                .orderBy(DeliveryTable.SEQ)
                .limit(limit)
                .fetch(row -> toDelivery(id, row)));
    }

    private static Delivery toDelivery(ReservationId id, Record row) {
        return new Delivery(
                new DeliveryId(id, row.get(DeliveryTable.SEQ)),
                row.get(DeliveryTable.RECIPIENT),
                DeliveryState.values()[row.get(DeliveryTable.STATE)],
                row.get(DeliveryTable.ATTEMPTS),
                row.get(DeliveryTable.DETAIL),
                instant(row.get(DeliveryTable.COMPLETED_AT)));
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
                    .fetch(JdbcReservationStore::toReservation);
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return db.read(ctx -> Optional.ofNullable(ctx.select(DSL.min(ReservationTable.DUE_AT))
                        .from(ReservationTable.T)
                        .where(ReservationTable.PHASE.lt(ReservationTable.CLOSED))
                        .and(ReservationTable.LEASE_OWNER.isNull())
                        .fetchOne(0, LocalDateTime.class))
                .map(Db::instant));
    }

    @Override
    public List<ClaimedReservation> claimDue(
            Instant engineNow, int limit, String owner, Duration lease, Collection<ReservationId> busy) {
        return db.tx(ctx -> {
            LocalDateTime now = ts(now(ctx, engineNow));
            Condition due = ReservationTable.PHASE
                    .lt(ReservationTable.CLOSED)
                    .and(ReservationTable.DUE_AT.le(now))
                    .and(ReservationTable.LEASE_UNTIL.isNull().or(ReservationTable.LEASE_UNTIL.le(now)));
            if (!busy.isEmpty()) {
                due = due.and(ReservationTable.ID.notIn(
                        busy.stream().map(ReservationId::value).toList()));
            }
            var select = ctx.select(
                            ReservationTable.ID,
                            ReservationTable.CUSTOMER_ID,
                            ReservationTable.SUBJECT,
                            ReservationTable.BODY,
                            ReservationTable.RECIPIENT_COUNT,
                            ReservationTable.PHASE,
                            ReservationTable.CANCEL_REQUESTED)
                    .from(ReservationTable.T)
                    .where(due)
                    .orderBy(ReservationTable.DUE_AT, ReservationTable.ID)
                    .limit(limit)
                    .forUpdate();
            Result<?> rows = select.skipLocked().fetch();
            if (rows.isEmpty()) {
                return List.of();
            }
            List<UUID> ids = rows.map(row -> row.get(ReservationTable.ID));
            ctx.update(ReservationTable.T)
                    .set(ReservationTable.LEASE_OWNER, owner)
                    .set(ReservationTable.LEASE_UNTIL, now.plus(lease))
                    .where(ReservationTable.ID.in(ids))
                    .execute();
            return rows.map(row -> new ClaimedReservation(
                    new ReservationId(row.get(ReservationTable.ID)),
                    row.get(ReservationTable.CUSTOMER_ID),
                    row.get(ReservationTable.SUBJECT),
                    row.get(ReservationTable.BODY),
                    row.get(ReservationTable.RECIPIENT_COUNT),
                    row.get(ReservationTable.PHASE) != ReservationTable.SCHEDULED,
                    row.get(ReservationTable.CANCEL_REQUESTED)));
        });
    }

    @Override
    public boolean startDispatch(ReservationId id, String owner, ReservationEvent.DispatchStarted event) {
        return db.tx(ctx -> {
            int updated = ctx.update(ReservationTable.T)
                    .set(ReservationTable.PHASE, ReservationTable.DISPATCHING)
                    .where(ReservationTable.ID.eq(id.value()))
                    .and(ReservationTable.LEASE_OWNER.eq(owner))
                    .and(ReservationTable.PHASE.eq(ReservationTable.SCHEDULED))
                    .execute();
            if (updated == 1) {
                appendEvents(ctx, List.of(event));
            }
            return updated == 1;
        });
    }

    @Override
    public boolean renewLease(ReservationId id, String owner, Instant engineNow, Duration lease) {
        return db.tx(ctx -> ctx.update(ReservationTable.T)
                        .set(
                                ReservationTable.LEASE_UNTIL,
                                ts(now(ctx, engineNow).plus(lease)))
                        .where(ReservationTable.ID.eq(id.value()))
                        .and(ReservationTable.LEASE_OWNER.eq(owner))
                        .and(ReservationTable.PHASE.lt(ReservationTable.CLOSED))
                        .execute()
                == 1);
    }

    @Override
    public void releaseLease(ReservationId id, String owner) {
        db.tx(ctx -> ctx.update(ReservationTable.T)
                .setNull(ReservationTable.LEASE_OWNER)
                .setNull(ReservationTable.LEASE_UNTIL)
                .where(ReservationTable.ID.eq(id.value()))
                .and(ReservationTable.LEASE_OWNER.eq(owner))
                .execute());
    }

    /** Read for every batch a sender sends; plain JDBC, as jOOQ's record mapping costs more than the query. */
    @Override
    public List<Delivery> pendingDeliveries(ReservationId id, int fromSequence, int limit) {
        return db.read(ctx -> db.query(
                ctx,
                PENDING_DELIVERIES,
                rows -> {
                    List<Delivery> pending = new ArrayList<>();
                    while (rows.next()) {
                        pending.add(new Delivery(
                                new DeliveryId(id, rows.getInt(1)),
                                rows.getString(2),
                                DeliveryState.PENDING,
                                rows.getInt(3),
                                rows.getString(4),
                                null));
                    }
                    return pending;
                },
                id.value(),
                fromSequence,
                (short) DeliveryState.PENDING.ordinal(),
                limit));
    }

    @Override
    public ResultAck recordResults(ReservationId id, List<RecordedResult> results) {
        return db.tx(ctx -> {
            // the reservation row lock orders this against a concurrent cancel or close, and every writer of delivery
            // rows takes it first, so the pending ones read below stay pending until this commits
            Boolean cancelRequested = ctx.select(ReservationTable.CANCEL_REQUESTED)
                    .from(ReservationTable.T)
                    .where(ReservationTable.ID.eq(id.value()))
                    .forUpdate()
                    .fetchOne(ReservationTable.CANCEL_REQUESTED);
            if (cancelRequested == null) {
                throw new ReservationNotFoundException(id);
            }
            IntSummaryStatistics range = results.stream()
                    .mapToInt(r -> r.result().deliveryId().sequence())
                    .summaryStatistics();
            // a range, not the list of sequences: one statement text whatever the batch, and nothing to render per row
            Set<Integer> pending = new HashSet<>(ctx.select(DeliveryTable.SEQ)
                    .from(DeliveryTable.T)
                    .where(DeliveryTable.RESERVATION_ID.eq(id.value()))
                    .and(DeliveryTable.SEQ.between(range.getMin(), range.getMax()))
                    .and(DeliveryTable.STATE.eq((short) DeliveryState.PENDING.ordinal()))
                    .fetch(DeliveryTable.SEQ));
            List<DeliveryResult> recorded = new ArrayList<>(results.size());
            List<ReservationEvent> events = new ArrayList<>();
            for (RecordedResult r : results) {
                var result = r.result();
                if (!result.deliveryId().reservationId().equals(id)
                        || !pending.remove(result.deliveryId().sequence())) {
                    continue;
                }
                recorded.add(result);
                events.add(r.event());
            }
            if (!events.isEmpty()) {
                writeResults(ctx, id, recorded);
                appendEvents(ctx, events);
            }
            return new ResultAck(events.size(), cancelRequested);
        });
    }

    private void writeResults(DSLContext ctx, ReservationId id, List<DeliveryResult> results) {
        List<Object[]> rows = new ArrayList<>(results.size());
        for (DeliveryResult r : results) {
            rows.add(new Object[] {
                (short) r.state().ordinal(),
                r.attempts(),
                truncate(r.detail()),
                ts(r.completedAt()),
                id.value(),
                r.deliveryId().sequence()
            });
        }
        db.writeRows(ctx, RECORD_RESULT, RECORD_RESULTS_POSTGRES, RECORD_RESULTS_TYPES, rows);
    }

    @Override
    public boolean deferDelivery(DeliveryId id, String owner, int attempts, String error, Instant retryAt) {
        return db.tx(ctx -> {
            int released = ctx.update(ReservationTable.T)
                    .set(ReservationTable.DUE_AT, ts(retryAt))
                    .setNull(ReservationTable.LEASE_OWNER)
                    .setNull(ReservationTable.LEASE_UNTIL)
                    .where(ReservationTable.ID.eq(id.reservationId().value()))
                    .and(ReservationTable.LEASE_OWNER.eq(owner))
                    .execute();
            if (released == 0) {
                return false;
            }
            ctx.update(DeliveryTable.T)
                    .set(DeliveryTable.ATTEMPTS, attempts)
                    .set(DeliveryTable.DETAIL, truncate(error))
                    .where(DeliveryTable.RESERVATION_ID.eq(id.reservationId().value()))
                    .and(DeliveryTable.SEQ.eq(id.sequence()))
                    .and(DeliveryTable.STATE.eq((short) DeliveryState.PENDING.ordinal()))
                    .execute();
            notifyDueTimes(ctx);
            return true;
        });
    }

    @Override
    public Optional<CloseSummary> close(
            ReservationId id,
            String owner,
            String cancelReason,
            Function<CloseSummary, ? extends ReservationEvent> closingEvent) {
        return db.tx(ctx -> {
            Record row = ctx.select(ReservationTable.ID)
                    .from(ReservationTable.T)
                    .where(ReservationTable.ID.eq(id.value()))
                    .and(ReservationTable.LEASE_OWNER.eq(owner))
                    .and(ReservationTable.PHASE.lt(ReservationTable.CLOSED))
                    .forUpdate()
                    .fetchOne();
            return row == null
                    ? Optional.<CloseSummary>empty()
                    : Optional.of(closeLocked(ctx, id, cancelReason, closingEvent));
        });
    }

    @Override
    public CancelOutcome requestCancel(
            ReservationId id, Instant engineNow, Function<CloseSummary, ? extends ReservationEvent> cancelledEvent) {
        return db.tx(ctx -> {
            Record row = ctx.select(
                            ReservationTable.PHASE,
                            ReservationTable.LEASE_OWNER,
                            ReservationTable.LEASE_UNTIL,
                            ReservationTable.STATUS)
                    .from(ReservationTable.T)
                    .where(ReservationTable.ID.eq(id.value()))
                    .forUpdate()
                    .fetchOne();
            if (row == null) {
                throw new ReservationNotFoundException(id);
            }
            if (row.get(ReservationTable.PHASE) == ReservationTable.CLOSED) {
                throw new ReservationNotCancellableException(
                        id, ReservationStatus.valueOf(row.get(ReservationTable.STATUS)));
            }
            LocalDateTime now = ts(now(ctx, engineNow));
            if (row.get(ReservationTable.LEASE_OWNER) != null
                    && row.get(ReservationTable.LEASE_UNTIL).isAfter(now)) {
                ctx.update(ReservationTable.T)
                        .set(ReservationTable.CANCEL_REQUESTED, true)
                        .where(ReservationTable.ID.eq(id.value()))
                        .execute();
                return CancelOutcome.CANCEL_REQUESTED;
            }
            closeLocked(ctx, id, CUSTOMER_CANCEL_REASON, cancelledEvent);
            return CancelOutcome.CANCELLED;
        });
    }

    /** Closes a reservation whose row this transaction has locked. */
    private CloseSummary closeLocked(
            DSLContext ctx,
            ReservationId id,
            String cancelReason,
            Function<CloseSummary, ? extends ReservationEvent> closingEvent) {
        Map<Short, Integer> byState = ctx.select(DeliveryTable.STATE, DSL.count())
                .from(DeliveryTable.T)
                .where(DeliveryTable.RESERVATION_ID.eq(id.value()))
                .groupBy(DeliveryTable.STATE)
                .fetchMap(DeliveryTable.STATE, DSL.count());
        int sent = byState.getOrDefault((short) DeliveryState.SENT.ordinal(), 0);
        int failed = byState.getOrDefault((short) DeliveryState.FAILED.ordinal(), 0);
        int cancelled = byState.getOrDefault((short) DeliveryState.CANCELLED.ordinal(), 0);
        int pending = byState.getOrDefault((short) DeliveryState.PENDING.ordinal(), 0);
        CloseSummary summary = new CloseSummary(sent + failed + cancelled + pending, sent, failed, cancelled + pending);
        ReservationEvent event = closingEvent.apply(summary);
        if (pending > 0) {
            ctx.update(DeliveryTable.T)
                    .set(DeliveryTable.STATE, (short) DeliveryState.CANCELLED.ordinal())
                    .set(DeliveryTable.DETAIL, truncate(cancelReason))
                    .set(DeliveryTable.COMPLETED_AT, ts(event.occurredAt()))
                    .where(DeliveryTable.RESERVATION_ID.eq(id.value()))
                    .and(DeliveryTable.STATE.eq((short) DeliveryState.PENDING.ordinal()))
                    .execute();
        }
        ctx.update(ReservationTable.T)
                .set(ReservationTable.PHASE, ReservationTable.CLOSED)
                .setNull(ReservationTable.LEASE_OWNER)
                .setNull(ReservationTable.LEASE_UNTIL)
                .where(ReservationTable.ID.eq(id.value()))
                .execute();
        appendEvents(ctx, List.of(event));
        return summary;
    }

    /**
     * Claims the oldest unpublished events for a while, so relays on other nodes take other events. A relay that
     * dies holding a claim delays those events (and the later ones of the same reservations) until the claim ends.
     */
    @Override
    public List<OutboxEntry> pollOutbox(int limit) {
        return db.tx(ctx -> {
            // one claimer at a time: a claim another relay has not committed yet would be invisible to the check
            // below, and that relay could then take a later event of the same reservation
            ctx.select(Schema.LockTable.NAME)
                    .from(Schema.LockTable.T)
                    .where(Schema.LockTable.NAME.eq("outbox"))
                    .forUpdate()
                    .fetch();
            LocalDateTime now = ts(db.now(ctx));
            var select = ctx.select(OutboxTable.OUTBOX_ID, OutboxTable.EVENT_TYPE, OutboxTable.PAYLOAD)
                    .from(OutboxTable.T)
                    .where(OutboxTable.PUBLISHED_AT.isNull())
                    .and(OutboxTable.CLAIMED_UNTIL.isNull().or(OutboxTable.CLAIMED_UNTIL.le(now)))
                    // one reservation's events go out in order: none while an earlier one is out with another relay
                    .andNotExists(ctx.selectOne()
                            .from(EARLIER)
                            .where(EARLIER_RESERVATION_ID.eq(OutboxTable.RESERVATION_ID))
                            .and(EARLIER_CLAIMED_UNTIL.gt(now))
                            .and(EARLIER_OUTBOX_ID.lt(OutboxTable.OUTBOX_ID))
                            .and(EARLIER_PUBLISHED_AT.isNull()))
                    .orderBy(OutboxTable.OUTBOX_ID)
                    .limit(limit)
                    .forUpdate();
            Result<Record3<Long, String, String>> rows = select.fetch();
            if (rows.isEmpty()) {
                return List.of();
            }
            List<Long> ids = rows.map(Record3::value1);
            ctx.update(OutboxTable.T)
                    .set(OutboxTable.CLAIMED_UNTIL, now.plus(OUTBOX_CLAIM))
                    .where(OutboxTable.OUTBOX_ID.in(ids))
                    .execute();
            return rows.map(row -> new OutboxEntry(row.value1(), json.decode(row.value2(), row.value3())));
        });
    }

    @Override
    public void markPublished(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        // the claim is cleared so the in-order check of other relays only ever meets rows still held
        db.tx(ctx -> ctx.update(OutboxTable.T)
                .set(OutboxTable.PUBLISHED_AT, ts(db.now(ctx)))
                .setNull(OutboxTable.CLAIMED_UNTIL)
                .where(OutboxTable.OUTBOX_ID.in(
                        entries.stream().map(OutboxEntry::position).collect(Collectors.toList())))
                .execute());
    }

    @Override
    public Set<UUID> applyProgress(List<ProgressUpdate> updates) {
        if (updates.isEmpty()) {
            return Set.of();
        }
        Set<UUID> applied = db.tx(ctx -> {
            Map<UUID, ProgressUpdate> byEvent = new LinkedHashMap<>();
            updates.forEach(u -> byEvent.putIfAbsent(u.eventId(), u));
            Set<UUID> fresh = AppliedEvents.markApplied(db, ctx, PROGRESS_CONSUMER, byEvent.keySet());
            Map<UUID, List<ProgressDelta>> byReservation = new TreeMap<>();
            for (UUID id : fresh) {
                ProgressDelta d = byEvent.get(id).delta();
                byReservation
                        .computeIfAbsent(d.reservationId().value(), r -> new ArrayList<>())
                        .add(d);
            }
            if (byReservation.isEmpty()) {
                return fresh;
            }
            // rows locked in id order, so two batches touching the same reservations cannot deadlock
            Map<UUID, Record> rows = new HashMap<>();
            ctx.select(
                            ReservationTable.ID,
                            ReservationTable.STATUS,
                            ReservationTable.STATUS_REASON,
                            ReservationTable.SENT_COUNT,
                            ReservationTable.FAILED_COUNT,
                            ReservationTable.CANCELLED_COUNT)
                    .from(ReservationTable.T)
                    .where(ReservationTable.ID.in(byReservation.keySet()))
                    .orderBy(ReservationTable.ID)
                    .forUpdate()
                    .forEach(row -> rows.put(row.get(ReservationTable.ID), row));
            List<Query> writes = new ArrayList<>();
            byReservation.forEach((id, deltas) -> {
                Record row = rows.get(id);
                if (row == null) {
                    return; // an event of a reservation this store never had: nothing to update
                }
                ReservationStatus status = ReservationStatus.valueOf(row.get(ReservationTable.STATUS));
                String reason = row.get(ReservationTable.STATUS_REASON);
                int sent = row.get(ReservationTable.SENT_COUNT);
                int failed = row.get(ReservationTable.FAILED_COUNT);
                int cancelled = row.get(ReservationTable.CANCELLED_COUNT);
                Instant at = null;
                for (ProgressDelta d : deltas) {
                    ReservationStatus next = d.nextStatus(status);
                    if (next != status && d.reason() != null) {
                        reason = d.reason();
                    }
                    status = next;
                    sent += d.sent();
                    failed += d.failed();
                    cancelled += d.cancelled();
                    at = d.at();
                }
                writes.add(ctx.update(ReservationTable.T)
                        .set(ReservationTable.STATUS, status.name())
                        .set(ReservationTable.STATUS_REASON, truncate(reason))
                        .set(ReservationTable.SENT_COUNT, sent)
                        .set(ReservationTable.FAILED_COUNT, failed)
                        .set(ReservationTable.CANCELLED_COUNT, cancelled)
                        .set(ReservationTable.UPDATED_AT, ts(at))
                        .where(ReservationTable.ID.eq(id)));
            });
            if (!writes.isEmpty()) {
                Db.execute(ctx, writes);
            }
            return fresh;
        });
        db.afterCommit(() -> updates.forEach(u -> cache.invalidate(u.delta().reservationId())));
        return applied;
    }

    @Override
    public AutoCloseable watchDueTimes(Runnable wake) {
        return db.isPostgres() ? PostgresNotifications.listen(db.dataSource, DUE_CHANNEL, wake) : () -> {};
    }

    static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}

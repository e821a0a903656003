package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.ts;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.jdbc.Schema.DeliveryTable;
import io.msgsvc.jdbc.Schema.ReservationTable;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.ResultAck;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.Written;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * The dispatch queue in SQL: claims with {@code FOR UPDATE SKIP LOCKED}, leases on the database clock (or the
 * engine's, by {@link JdbcStorage.TimeSource}), and delivery results. Every writer of a reservation's delivery rows
 * locks its reservation row first, which orders results, closes and cancels of one reservation.
 */
final class JdbcDispatchQueue implements DispatchQueue {
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
    private static final short PENDING = (short) DeliveryState.PENDING.ordinal();

    private final Db db;
    private final JdbcStorage.TimeSource timeSource;

    JdbcDispatchQueue(Db db, JdbcStorage.TimeSource timeSource) {
        this.db = db;
        this.timeSource = timeSource;
    }

    /** "Now" for due times and leases. */
    private Instant now(DSLContext ctx, Instant engineNow) {
        return timeSource == JdbcStorage.TimeSource.ENGINE ? engineNow : db.now(ctx);
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
            StorageTx tx, Instant engineNow, int limit, String owner, Duration lease, Collection<ReservationId> busy) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        LocalDateTime now = ts(now(ctx, engineNow));
        Condition due = ReservationTable.PHASE
                .lt(ReservationTable.CLOSED)
                .and(ReservationTable.DUE_AT.le(now))
                .and(ReservationTable.LEASE_UNTIL.isNull().or(ReservationTable.LEASE_UNTIL.le(now)));
        if (!busy.isEmpty()) {
            due = due.and(ReservationTable.ID.notIn(
                    busy.stream().map(ReservationId::value).toList()));
        }
        Result<?> rows = ctx.select(
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
                .forUpdate()
                .skipLocked()
                .fetch();
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
    }

    @Override
    public Written<Boolean> startDispatch(
            StorageTx tx, ReservationId id, String owner, ReservationEvent.DispatchStarted started) {
        int updated = JdbcTx.ctx(tx, db)
                .update(ReservationTable.T)
                .set(ReservationTable.PHASE, ReservationTable.DISPATCHING)
                .where(ReservationTable.ID.eq(id.value()))
                .and(ReservationTable.LEASE_OWNER.eq(owner))
                .and(ReservationTable.PHASE.eq(ReservationTable.SCHEDULED))
                .execute();
        return updated == 1 ? Written.with(true, started) : Written.quietly(false);
    }

    @Override
    public boolean renewLease(StorageTx tx, ReservationId id, String owner, Instant engineNow, Duration lease) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        return ctx.update(ReservationTable.T)
                        .set(
                                ReservationTable.LEASE_UNTIL,
                                ts(now(ctx, engineNow).plus(lease)))
                        .where(ReservationTable.ID.eq(id.value()))
                        .and(ReservationTable.LEASE_OWNER.eq(owner))
                        .and(ReservationTable.PHASE.lt(ReservationTable.CLOSED))
                        .execute()
                == 1;
    }

    @Override
    public void releaseLease(StorageTx tx, ReservationId id, String owner) {
        JdbcTx.ctx(tx, db)
                .update(ReservationTable.T)
                .setNull(ReservationTable.LEASE_OWNER)
                .setNull(ReservationTable.LEASE_UNTIL)
                .where(ReservationTable.ID.eq(id.value()))
                .and(ReservationTable.LEASE_OWNER.eq(owner))
                .execute();
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
                PENDING,
                limit));
    }

    @Override
    public Written<ResultAck> recordResults(StorageTx tx, ReservationId id, List<RecordedResult> results) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
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
                .and(DeliveryTable.STATE.eq(PENDING))
                .fetch(DeliveryTable.SEQ));
        List<Object[]> rows = new ArrayList<>(results.size());
        List<ReservationEvent> events = new ArrayList<>(results.size());
        for (RecordedResult r : results) {
            DeliveryResult result = r.result();
            if (!result.deliveryId().reservationId().equals(id)
                    || !pending.remove(result.deliveryId().sequence())) {
                continue;
            }
            rows.add(new Object[] {
                (short) result.state().ordinal(),
                result.attempts(),
                Db.truncate(result.detail()),
                ts(result.completedAt()),
                id.value(),
                result.deliveryId().sequence()
            });
            events.add(r.event());
        }
        db.writeRows(ctx, RECORD_RESULT, RECORD_RESULTS_POSTGRES, RECORD_RESULTS_TYPES, rows);
        return new Written<>(new ResultAck(events.size(), cancelRequested), events);
    }

    @Override
    public boolean deferDelivery(
            StorageTx tx, DeliveryId id, String owner, int attempts, String error, Instant retryAt) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
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
                .set(DeliveryTable.DETAIL, Db.truncate(error))
                .where(DeliveryTable.RESERVATION_ID.eq(id.reservationId().value()))
                .and(DeliveryTable.SEQ.eq(id.sequence()))
                .and(DeliveryTable.STATE.eq(PENDING))
                .execute();
        PostgresNotifications.notifyDueTimes(db, ctx);
        return true;
    }

    @Override
    public Written<Optional<CloseSummary>> close(StorageTx tx, ReservationId id, String owner, Closing closing) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        String customerId = ctx.select(ReservationTable.CUSTOMER_ID)
                .from(ReservationTable.T)
                .where(ReservationTable.ID.eq(id.value()))
                .and(ReservationTable.LEASE_OWNER.eq(owner))
                .and(ReservationTable.PHASE.lt(ReservationTable.CLOSED))
                .forUpdate()
                .fetchOne(ReservationTable.CUSTOMER_ID);
        return customerId == null
                ? Written.quietly(Optional.empty())
                : closeLocked(ctx, id, customerId, closing).map(Optional::of);
    }

    @Override
    public Written<CancelOutcome> requestCancel(
            StorageTx tx, ReservationId id, Instant engineNow, Closing.Cancelled closing) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        Record row = ctx.select(
                        ReservationTable.CUSTOMER_ID,
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
            return Written.quietly(CancelOutcome.CANCEL_REQUESTED);
        }
        return closeLocked(ctx, id, row.get(ReservationTable.CUSTOMER_ID), closing)
                .map(summary -> CancelOutcome.CANCELLED);
    }

    /** Closes a reservation whose row this transaction has locked. */
    private Written<CloseSummary> closeLocked(DSLContext ctx, ReservationId id, String customerId, Closing closing) {
        Map<Short, Integer> byState = ctx.select(DeliveryTable.STATE, DSL.count())
                .from(DeliveryTable.T)
                .where(DeliveryTable.RESERVATION_ID.eq(id.value()))
                .groupBy(DeliveryTable.STATE)
                .fetchMap(DeliveryTable.STATE, DSL.count());
        int sent = byState.getOrDefault((short) DeliveryState.SENT.ordinal(), 0);
        int failed = byState.getOrDefault((short) DeliveryState.FAILED.ordinal(), 0);
        int cancelled = byState.getOrDefault((short) DeliveryState.CANCELLED.ordinal(), 0);
        int pending = byState.getOrDefault(PENDING, 0);
        CloseSummary summary = new CloseSummary(sent + failed + cancelled + pending, sent, failed, cancelled + pending);
        if (pending > 0) {
            ctx.update(DeliveryTable.T)
                    .set(DeliveryTable.STATE, (short) DeliveryState.CANCELLED.ordinal())
                    .set(DeliveryTable.DETAIL, Db.truncate(closing.pendingDetail()))
                    .set(DeliveryTable.COMPLETED_AT, ts(closing.at()))
                    .where(DeliveryTable.RESERVATION_ID.eq(id.value()))
                    .and(DeliveryTable.STATE.eq(PENDING))
                    .execute();
        }
        ctx.update(ReservationTable.T)
                .set(ReservationTable.PHASE, ReservationTable.CLOSED)
                .setNull(ReservationTable.LEASE_OWNER)
                .setNull(ReservationTable.LEASE_UNTIL)
                .where(ReservationTable.ID.eq(id.value()))
                .execute();
        return Written.with(summary, closing.event(id, customerId, summary));
    }

    @Override
    public AutoCloseable watchDueTimes(Runnable wake) {
        return PostgresNotifications.watchDueTimes(db, wake);
    }
}

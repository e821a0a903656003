package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.ts;

import com.github.benmanes.caffeine.cache.Cache;
import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.jdbc.Schema.DeliveryTable;
import io.msgsvc.jdbc.Schema.ReservationTable;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.DispatchBacklog;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.ResultAck;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.TraceContext;
import io.msgsvc.spi.Written;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
    private final Db db;
    private final JdbcStorage.TimeSource timeSource;
    private final JdbcPauses pauses;

    JdbcDispatchQueue(Db db, JdbcStorage.TimeSource timeSource, Cache<ReservationId, Reservation> cache) {
        this.db = db;
        this.timeSource = timeSource;
        this.pauses = new JdbcPauses(db, cache);
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
                        .and(ReservationTable.PAUSED.isFalse())
                        .fetchOne(0, LocalDateTime.class))
                .map(Db::instant));
    }

    @Override
    public DispatchBacklog backlog(Instant engineNow, int limit) {
        return db.read(ctx -> JdbcBacklog.dispatch(ctx, now(ctx, engineNow), limit));
    }

    @Override
    public List<ClaimedReservation> claimDue(
            StorageTx tx, Instant engineNow, int limit, String owner, Duration lease, Collection<ReservationId> busy) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        LocalDateTime now = ts(now(ctx, engineNow));
        Condition due = ReservationTable.PHASE
                .lt(ReservationTable.CLOSED)
                .and(ReservationTable.DUE_AT.le(now))
                .and(ReservationTable.PAUSED.isFalse())
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
                        ReservationTable.CANCEL_REQUESTED,
                        ReservationTable.ISSUED_THROUGH,
                        ReservationTable.SPEED_MESSAGES,
                        ReservationTable.SPEED_PER,
                        ReservationTable.TRACE_CONTEXT,
                        ReservationTable.RULES)
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
                row.get(ReservationTable.CANCEL_REQUESTED),
                row.get(ReservationTable.ISSUED_THROUGH),
                JdbcRegistrations.speed(row),
                TraceContext.decode(row.get(ReservationTable.TRACE_CONTEXT)),
                CampaignRules.decode(row.get(ReservationTable.RULES))));
    }

    @Override
    public Written<Boolean> startDispatch(
            StorageTx tx, ReservationId id, String owner, ReservationEvent.DispatchStarted started, int issueThrough) {
        int updated = JdbcTx.ctx(tx, db)
                .update(ReservationTable.T)
                .set(ReservationTable.PHASE, ReservationTable.DISPATCHING)
                .set(
                        ReservationTable.ISSUED_THROUGH,
                        DSL.when(ReservationTable.CANCEL_REQUESTED.isTrue(), ReservationTable.ISSUED_THROUGH)
                                .otherwise(DSL.greatest(ReservationTable.ISSUED_THROUGH, DSL.val(issueThrough))))
                .where(ReservationTable.ID.eq(id.value()))
                .and(ReservationTable.LEASE_OWNER.eq(owner))
                .and(ReservationTable.PHASE.eq(ReservationTable.SCHEDULED))
                .and(ReservationTable.PAUSED.isFalse())
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
    public void releaseLease(StorageTx tx, ReservationId id, String owner, int issuedThrough) {
        JdbcTx.ctx(tx, db)
                .update(ReservationTable.T)
                .setNull(ReservationTable.LEASE_OWNER)
                .setNull(ReservationTable.LEASE_UNTIL)
                .set(ReservationTable.ISSUED_THROUGH, issuedThrough)
                .where(ReservationTable.ID.eq(id.value()))
                .and(ReservationTable.LEASE_OWNER.eq(owner))
                .execute();
    }

    @Override
    public List<Delivery> pendingDeliveries(ReservationId id, int fromSequence, int limit) {
        return DeliveryRows.pending(db, id, fromSequence, limit);
    }

    @Override
    public Written<ResultAck> recordResults(
            StorageTx tx, ReservationId id, String owner, List<RecordedResult> results, int issueThrough) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        // the reservation row lock orders this against a concurrent cancel or close, and every writer of delivery
        // rows takes it first, so the pending ones read below stay pending until this commits
        BatchStatements sql = db.statements;
        ResultsLock reservation = db.plain.query(
                ctx,
                sql.lockForResults,
                rows -> rows.next()
                        ? new ResultsLock(rows.getBoolean(1), rows.getInt(2), rows.getString(3), rows.getBoolean(4))
                        : null,
                id.value());
        if (reservation == null) {
            throw new ReservationNotFoundException(id);
        }
        boolean cancelRequested = reservation.cancelRequested();
        boolean paused = reservation.paused();
        boolean leaseHeld = owner.equals(reservation.leaseOwner());
        if (leaseHeld && !cancelRequested && !paused && issueThrough > reservation.issuedThrough()) {
            db.plain.update(ctx, sql.raiseMark, issueThrough, id.value());
        }
        if (results.isEmpty()) {
            return Written.quietly(new ResultAck(0, cancelRequested, leaseHeld, paused));
        }
        List<ReservationEvent> events = DeliveryRows.recordIfPending(db, ctx, id, results);
        return new Written<>(new ResultAck(events.size(), cancelRequested, leaseHeld, paused), events);
    }

    /** What {@link #recordResults} reads of the reservation row it locks. */
    private record ResultsLock(boolean cancelRequested, int issuedThrough, String leaseOwner, boolean paused) {}

    @Override
    public boolean deferDelivery(
            StorageTx tx, DeliveryId id, String owner, int attempts, String error, Instant retryAt, int issuedThrough) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        int released = ctx.update(ReservationTable.T)
                // with a cancel asked it stays due (it was when claimed), so the cancel goes ahead now
                .set(
                        ReservationTable.DUE_AT,
                        DSL.when(ReservationTable.CANCEL_REQUESTED.isTrue(), ReservationTable.DUE_AT)
                                .otherwise(ts(retryAt)))
                .set(ReservationTable.ISSUED_THROUGH, issuedThrough)
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
                .and(DeliveryTable.STATE.eq(DeliveryRows.PENDING))
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
                        ReservationTable.STATUS,
                        ReservationTable.ISSUED_THROUGH,
                        ReservationTable.DUE_AT)
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
        Instant at = now(ctx, engineNow);
        LocalDateTime now = ts(at);
        boolean beingSent = JdbcPauses.beingSent(row, at);
        if (beingSent || DeliveryRows.issuedAndPending(ctx, id, row.get(ReservationTable.ISSUED_THROUGH))) {
            // the sender stops before its next send; a sender that is gone leaves what may have reached the
            // channel to the next one, due now, which sends it again and then closes
            LocalDateTime dueAt = row.get(ReservationTable.DUE_AT);
            ctx.update(ReservationTable.T)
                    .set(ReservationTable.CANCEL_REQUESTED, true)
                    .set(ReservationTable.PAUSED, false) // a cancel ends the pause: the next sender carries it out
                    .set(ReservationTable.DUE_AT, beingSent || dueAt.isBefore(now) ? dueAt : now)
                    .where(ReservationTable.ID.eq(id.value()))
                    .execute();
            PostgresNotifications.notifyCancel(db, ctx, id);
            return Written.quietly(CancelOutcome.CANCEL_REQUESTED);
        }
        return closeLocked(ctx, id, row.get(ReservationTable.CUSTOMER_ID), closing)
                .map(summary -> CancelOutcome.CANCELLED);
    }

    @Override
    public Written<PauseOutcome> requestPause(StorageTx tx, ReservationId id, Instant engineNow, UUID eventId) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        return pauses.pause(ctx, id, engineNow, now(ctx, engineNow), eventId);
    }

    @Override
    public Written<ResumeOutcome> requestResume(StorageTx tx, ReservationId id, Instant engineNow, UUID eventId) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        return pauses.resume(ctx, id, engineNow, now(ctx, engineNow), eventId);
    }

    @Override
    public Written<RescheduleOutcome> requestReschedule(
            StorageTx tx, ReservationId id, Instant engineNow, Instant sendAt, UUID eventId) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        return pauses.reschedule(tx, ctx, id, engineNow, now(ctx, engineNow), sendAt, eventId);
    }

    /** Closes a reservation whose row this transaction has locked. */
    private Written<CloseSummary> closeLocked(DSLContext ctx, ReservationId id, String customerId, Closing closing) {
        CloseSummary summary = DeliveryRows.closeAll(ctx, id, closing);
        ctx.update(ReservationTable.T)
                .set(ReservationTable.PHASE, ReservationTable.CLOSED)
                .setNull(ReservationTable.LEASE_OWNER)
                .setNull(ReservationTable.LEASE_UNTIL)
                .where(ReservationTable.ID.eq(id.value()))
                .execute();
        return Written.with(summary, closing.event(id, customerId, summary));
    }

    @Override
    public AutoCloseable watch(Watcher watcher) {
        return PostgresNotifications.watch(db, watcher);
    }
}

package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.ts;

import com.github.benmanes.caffeine.cache.Cache;
import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotChangeableException;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.jdbc.Schema.ReservationTable;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.Written;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The customer's pause, resume and reschedule in SQL (see {@code DispatchQueue}). Each locks the reservation row
 * first, like every writer of a reservation, so it is ordered against result writes, closes and cancels.
 */
final class JdbcPauses {
    private final Db db;
    private final Cache<ReservationId, Reservation> cache;

    JdbcPauses(Db db, Cache<ReservationId, Reservation> cache) {
        this.db = db;
        this.cache = cache;
    }

    /** @param at the store's "now" for leases and due times; {@code engineNow} dates the event */
    Written<PauseOutcome> pause(DSLContext ctx, ReservationId id, Instant engineNow, Instant at, UUID eventId) {
        Record row = open(ctx, id, "pause");
        if (row.get(ReservationTable.CANCEL_REQUESTED)) {
            throw ReservationNotChangeableException.cancelling(id, "pause", status(row));
        }
        if (row.get(ReservationTable.PAUSED)) {
            return Written.quietly(PauseOutcome.ALREADY_PAUSED);
        }
        ctx.update(ReservationTable.T)
                .set(ReservationTable.PAUSED, true)
                .where(ReservationTable.ID.eq(id.value()))
                .execute();
        boolean beingSent = beingSent(row, at);
        if (beingSent) {
            PostgresNotifications.notifyPause(db, ctx, id);
        }
        return Written.with(
                beingSent ? PauseOutcome.PAUSE_REQUESTED : PauseOutcome.PAUSED,
                new ReservationEvent.ReservationPaused(eventId, id, row.get(ReservationTable.CUSTOMER_ID), engineNow));
    }

    Written<ResumeOutcome> resume(DSLContext ctx, ReservationId id, Instant engineNow, Instant at, UUID eventId) {
        Record row = open(ctx, id, "resume");
        if (!row.get(ReservationTable.PAUSED)) {
            return Written.quietly(ResumeOutcome.NOT_PAUSED);
        }
        // due when it was: its send time, a retry's backoff or a throttle's wait is kept (or now, if that passed)
        LocalDateTime due = row.get(ReservationTable.DUE_AT);
        LocalDateTime now = ts(at);
        LocalDateTime dueAt = due.isAfter(now) ? due : now;
        ctx.update(ReservationTable.T)
                .set(ReservationTable.PAUSED, false)
                .set(ReservationTable.DUE_AT, dueAt)
                .where(ReservationTable.ID.eq(id.value()))
                .execute();
        PostgresNotifications.notifyDueTimes(db, ctx);
        return Written.with(
                ResumeOutcome.RESUMED,
                new ReservationEvent.ReservationResumed(
                        eventId,
                        id,
                        row.get(ReservationTable.CUSTOMER_ID),
                        engineNow,
                        Db.instant(dueAt),
                        row.get(ReservationTable.PHASE) != ReservationTable.SCHEDULED));
    }

    Written<RescheduleOutcome> reschedule(
            StorageTx tx,
            DSLContext ctx,
            ReservationId id,
            Instant engineNow,
            Instant at,
            Instant sendAt,
            UUID eventId) {
        Record row = open(ctx, id, "reschedule");
        if (row.get(ReservationTable.CANCEL_REQUESTED)) {
            throw ReservationNotChangeableException.cancelling(id, "reschedule", status(row));
        }
        boolean paused = row.get(ReservationTable.PAUSED);
        if (!paused && (row.get(ReservationTable.PHASE) != ReservationTable.SCHEDULED || beingSent(row, at))) {
            throw ReservationNotChangeableException.dispatching(id);
        }
        Instant previous = Db.instant(row.get(ReservationTable.SEND_AT));
        LocalDateTime stored = ts(sendAt);
        if (row.get(ReservationTable.SEND_AT).equals(stored)) {
            return Written.quietly(RescheduleOutcome.UNCHANGED);
        }
        // a paused one is not claimed whatever its due time; resume sets it again
        ctx.update(ReservationTable.T)
                .set(ReservationTable.SEND_AT, stored)
                .set(ReservationTable.DUE_AT, stored)
                .where(ReservationTable.ID.eq(id.value()))
                .execute();
        if (!paused) {
            PostgresNotifications.notifyDueTimes(db, ctx);
        }
        tx.afterCommit(() -> cache.invalidate(id));
        return Written.with(
                RescheduleOutcome.RESCHEDULED,
                new ReservationEvent.ReservationRescheduled(
                        eventId, id, row.get(ReservationTable.CUSTOMER_ID), engineNow, previous, Db.instant(stored)));
    }

    /** The reservation's row, locked, if it may still change. */
    private static Record open(DSLContext ctx, ReservationId id, String action) {
        Record row = ctx.select(
                        ReservationTable.CUSTOMER_ID,
                        ReservationTable.PHASE,
                        ReservationTable.LEASE_OWNER,
                        ReservationTable.LEASE_UNTIL,
                        ReservationTable.STATUS,
                        ReservationTable.CANCEL_REQUESTED,
                        ReservationTable.PAUSED,
                        ReservationTable.SEND_AT,
                        ReservationTable.DUE_AT)
                .from(ReservationTable.T)
                .where(ReservationTable.ID.eq(id.value()))
                .forUpdate()
                .fetchOne();
        if (row == null) {
            throw new ReservationNotFoundException(id);
        }
        if (row.get(ReservationTable.PHASE) == ReservationTable.CLOSED) {
            throw ReservationNotChangeableException.ended(id, action, status(row));
        }
        return row;
    }

    private static ReservationStatus status(Record row) {
        return ReservationStatus.valueOf(row.get(ReservationTable.STATUS));
    }

    /** Whether a sender holds the lease of the reservation {@code row} at {@code at}. */
    static boolean beingSent(Record row, Instant at) {
        return row.get(ReservationTable.LEASE_OWNER) != null
                && row.get(ReservationTable.LEASE_UNTIL).isAfter(ts(at));
    }
}

package io.msgsvc.memory;

import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotChangeableException;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.memory.ReservationRow.Phase;
import io.msgsvc.spi.Written;
import java.time.Instant;
import java.util.UUID;

/** The customer's pause, resume and reschedule of a reservation in memory (see {@code DispatchQueue}). */
final class InMemoryPauses {
    private final ReservationRows rows;

    InMemoryPauses(ReservationRows rows) {
        this.rows = rows;
    }

    Written<PauseOutcome> pause(InMemoryTx tx, ReservationId id, Instant now, UUID eventId) {
        ReservationRow row = open(id, "pause");
        if (row.cancelRequested) {
            throw ReservationNotChangeableException.cancelling(id, "pause", row.progress.status());
        }
        if (row.paused) {
            return Written.quietly(PauseOutcome.ALREADY_PAUSED);
        }
        row.changing(tx, rows);
        row.paused = true;
        boolean beingSent = row.leasedAt(now);
        return Written.with(
                beingSent ? PauseOutcome.PAUSE_REQUESTED : PauseOutcome.PAUSED,
                new ReservationEvent.ReservationPaused(eventId, id, row.customerId, now));
    }

    Written<ResumeOutcome> resume(InMemoryTx tx, ReservationId id, Instant now, UUID eventId) {
        ReservationRow row = open(id, "resume");
        if (!row.paused) {
            return Written.quietly(ResumeOutcome.NOT_PAUSED);
        }
        row.changing(tx, rows);
        row.paused = false;
        // due when it was: its send time, a retry's backoff or a throttle's wait is kept (or now, if that passed)
        Instant dueAt = row.dueAt.isAfter(now) ? row.dueAt : now;
        rows.moveDueAt(row, dueAt);
        return Written.with(
                ResumeOutcome.RESUMED,
                new ReservationEvent.ReservationResumed(
                        eventId, id, row.customerId, now, dueAt, row.phase == Phase.DISPATCHING));
    }

    Written<RescheduleOutcome> reschedule(InMemoryTx tx, ReservationId id, Instant now, Instant sendAt, UUID eventId) {
        ReservationRow row = open(id, "reschedule");
        if (row.cancelRequested) {
            throw ReservationNotChangeableException.cancelling(id, "reschedule", row.progress.status());
        }
        boolean beingSent = row.leasedAt(now);
        if (!row.paused && (row.phase == Phase.DISPATCHING || beingSent)) {
            throw ReservationNotChangeableException.dispatching(id);
        }
        if (row.sendAt.equals(sendAt)) {
            return Written.quietly(RescheduleOutcome.UNCHANGED);
        }
        row.changing(tx, rows);
        Instant previous = row.sendAt;
        row.sendAt = sendAt;
        rows.moveDueAt(row, sendAt); // a paused one is not claimed whatever its due time; resume sets it again
        return Written.with(
                RescheduleOutcome.RESCHEDULED,
                new ReservationEvent.ReservationRescheduled(eventId, id, row.customerId, now, previous, sendAt));
    }

    /** The reservation, if it may still change. */
    private ReservationRow open(ReservationId id, String action) {
        ReservationRow row = rows.get(id);
        if (row == null) {
            throw new ReservationNotFoundException(id);
        }
        if (row.phase == Phase.CLOSED) {
            throw ReservationNotChangeableException.ended(id, action, row.progress.status());
        }
        return row;
    }
}

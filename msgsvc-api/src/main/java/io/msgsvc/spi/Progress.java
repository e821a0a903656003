package io.msgsvc.spi;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import java.time.Instant;

/**
 * A reservation's progress as its events tell it: the one fold that the status projection and the dashboard both
 * keep.
 *
 * @param total     recipient count (added by {@code Reserved})
 * @param status    null until the first event that sets one
 * @param reason    why it ended (rejection or cancellation), or null
 * @param updatedAt the time of the last event applied
 */
public record Progress(
        int total, int sent, int failed, int cancelled, ReservationStatus status, String reason, Instant updatedAt) {

    /** Before any event. */
    public static final Progress NONE = new Progress(0, 0, 0, 0, null, null, null);

    /**
     * The progress after one more event. Counts add up; the status only moves forward (scheduled, dispatching,
     * ended) and an ended status is final, so events applied late or out of order never move a reservation back; a
     * reason comes with the status change it explains.
     */
    public Progress plus(ProgressDelta d) {
        ReservationStatus next = d.nextStatus(status);
        String nextReason = next != status && d.reason() != null ? d.reason() : reason;
        return new Progress(
                total + d.total(),
                sent + d.sent(),
                failed + d.failed(),
                cancelled + d.cancelled(),
                next,
                nextReason,
                d.at());
    }

    /** This progress as the dashboard shows it. */
    public DashboardView toDashboardView(ReservationId id, String customerId) {
        return new DashboardView(id, customerId, total, sent, failed, cancelled, status, updatedAt);
    }
}

package io.msgsvc.spi;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import java.time.Instant;

/**
 * A reservation's progress as its events tell it: the one fold that the status projection and the dashboard both
 * keep.
 *
 * @param total       recipient count (added by {@code Reserved})
 * @param sent        recipients the channel accepted, whether their report is awaited, came, or never will
 * @param failed      recipients failed
 * @param cancelled   recipients not sent because of cancellation, rejection, expiry or an opt-out
 * @param awaiting    of the sent, those whose delivery report is awaited
 * @param delivered   of the sent, those reported delivered
 * @param undelivered of the sent, those reported not delivered or expired, or without a report in time
 * @param status      null until the first event that sets one
 * @param reason      why it ended (rejection or cancellation), or null
 * @param updatedAt   the time of the last event applied
 * @param startedAt   when its dispatch began, or null (before, or in the status store's)
 * @param nextSendAt  when its next send is due while it waits (see {@link DashboardView#nextSendAt()}), or null
 */
public record Progress(
        int total,
        int sent,
        int failed,
        int cancelled,
        int awaiting,
        int delivered,
        int undelivered,
        ReservationStatus status,
        String reason,
        Instant updatedAt,
        Instant startedAt,
        Instant nextSendAt) {
    /** Before any event. */
    public static final Progress NONE = new Progress(0, 0, 0, 0, 0, 0, 0, null, null, null, null, null);

    /**
     * One without a next send time.
     *
     * @param total       recipient count
     * @param sent        recipients the channel accepted
     * @param failed      recipients failed
     * @param cancelled   recipients not sent because of cancellation, rejection or expiry
     * @param awaiting    of the sent, those whose delivery report is awaited
     * @param delivered   of the sent, those reported delivered
     * @param undelivered of the sent, those reported not delivered or expired, or without a report in time
     * @param status      null until the first event that sets one
     * @param reason      why it ended, or null
     * @param updatedAt   the time of the last event applied
     * @param startedAt   when its dispatch began, or null
     */
    public Progress(
            int total,
            int sent,
            int failed,
            int cancelled,
            int awaiting,
            int delivered,
            int undelivered,
            ReservationStatus status,
            String reason,
            Instant updatedAt,
            Instant startedAt) {
        this(
                total,
                sent,
                failed,
                cancelled,
                awaiting,
                delivered,
                undelivered,
                status,
                reason,
                updatedAt,
                startedAt,
                null);
    }

    /**
     * One whose dispatch start is not kept (the status store's).
     *
     * @param total       recipient count
     * @param sent        recipients the channel accepted
     * @param failed      recipients failed
     * @param cancelled   recipients not sent because of cancellation, rejection or expiry
     * @param awaiting    of the sent, those whose delivery report is awaited
     * @param delivered   of the sent, those reported delivered
     * @param undelivered of the sent, those reported not delivered or expired, or without a report in time
     * @param status      null until the first event that sets one
     * @param reason      why it ended, or null
     * @param updatedAt   the time of the last event applied
     */
    public Progress(
            int total,
            int sent,
            int failed,
            int cancelled,
            int awaiting,
            int delivered,
            int undelivered,
            ReservationStatus status,
            String reason,
            Instant updatedAt) {
        this(total, sent, failed, cancelled, awaiting, delivered, undelivered, status, reason, updatedAt, null, null);
    }

    /**
     * The progress after one more event. Counts add up; the status only moves forward (scheduled, dispatching,
     * awaiting results, ended) and an ended status is final, so events applied late or out of order never move a
     * reservation back; a reason comes with the status change it explains. Once every recipient has its send result,
     * the reservation ends when no report is awaited any more: completed when nothing failed or went undelivered,
     * failed when nothing was sent (or delivered), partially failed otherwise.
     *
     * @param d the change one event makes
     * @return the new progress; this one is unchanged
     */
    public Progress plus(ProgressDelta d) {
        int nextAwaiting = awaiting + d.awaiting();
        int nextSent = sent + d.sent();
        int nextFailed = failed + d.failed();
        int nextUndelivered = undelivered + d.undelivered();
        ReservationStatus next = d.nextStatus(status);
        if (next == ReservationStatus.AWAITING_RESULTS && nextAwaiting <= 0) {
            int bad = nextFailed + nextUndelivered;
            int good = nextSent - nextUndelivered;
            next = bad == 0
                    ? ReservationStatus.COMPLETED
                    : good <= 0 ? ReservationStatus.FAILED : ReservationStatus.PARTIALLY_FAILED;
        }
        String nextReason = next != status && d.reason() != null ? d.reason() : reason;
        return new Progress(
                total + d.total(),
                nextSent,
                nextFailed,
                cancelled + d.cancelled(),
                nextAwaiting,
                delivered + d.delivered(),
                nextUndelivered,
                next,
                nextReason,
                d.at(),
                startedAt == null && next == ReservationStatus.DISPATCHING ? d.at() : startedAt,
                nextSendAt(d, next));
    }

    /**
     * Set by the events that say when it is due (registered, rescheduled, resumed, waiting for its window); gone once
     * it is being sent, ends, awaits reports or is paused.
     */
    private Instant nextSendAt(ProgressDelta d, ReservationStatus next) {
        if (next != null
                && (next.isTerminal()
                        || next == ReservationStatus.PAUSED
                        || next == ReservationStatus.AWAITING_RESULTS)) {
            return null;
        }
        if (d.nextSendAt() != null) {
            return d.nextSendAt();
        }
        boolean sending = d.status() == ReservationStatus.DISPATCHING || d.sent() + d.failed() + d.cancelled() > 0;
        return sending ? null : nextSendAt;
    }

    /**
     * This progress as the dashboard shows it.
     *
     * @param id         the reservation
     * @param customerId its customer
     * @return the dashboard row
     */
    public DashboardView toDashboardView(ReservationId id, String customerId) {
        return new DashboardView(
                id,
                customerId,
                total,
                sent,
                failed,
                cancelled,
                awaiting,
                delivered,
                undelivered,
                status,
                updatedAt,
                startedAt,
                nextSendAt);
    }
}

package io.msgsvc.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The dashboard read model's row for one reservation (CQRS: updated asynchronously from events).
 *
 * @param reservationId the reservation
 * @param customerId    whose it is
 * @param total         its recipient count
 * @param sent          recipients the channel accepted (including those whose report is awaited or came)
 * @param failed        recipients failed
 * @param cancelled     recipients not sent because of cancellation, rejection or expiry
 * @param awaiting      of the sent, those whose delivery report is still awaited
 * @param delivered     of the sent, those reported delivered
 * @param undelivered   of the sent, those reported not delivered, expired, or without a report in time
 * @param status        where it stands
 * @param updatedAt     the time of the last event applied to the row
 * @param startedAt     when its dispatch began (null before, or when the store keeps no such time)
 * @param nextSendAt    when its next send is due while it waits: its send time, or the next opening of its delivery
 *                      windows when it was put off for them; null while it sends, once it ended, or while paused
 */
public record DashboardView(
        ReservationId reservationId,
        String customerId,
        int total,
        int sent,
        int failed,
        int cancelled,
        int awaiting,
        int delivered,
        int undelivered,
        ReservationStatus status,
        Instant updatedAt,
        Instant startedAt,
        Instant nextSendAt) {

    /**
     * A row without a next send time.
     *
     * @param reservationId the reservation
     * @param customerId    whose it is
     * @param total         its recipient count
     * @param sent          recipients the channel accepted
     * @param failed        recipients failed
     * @param cancelled     recipients not sent because of cancellation, rejection or expiry
     * @param awaiting      of the sent, those whose delivery report is still awaited
     * @param delivered     of the sent, those reported delivered
     * @param undelivered   of the sent, those reported not delivered, expired, or without a report in time
     * @param status        where it stands
     * @param updatedAt     the time of the last event applied to the row
     * @param startedAt     when its dispatch began, or null
     */
    public DashboardView(
            ReservationId reservationId,
            String customerId,
            int total,
            int sent,
            int failed,
            int cancelled,
            int awaiting,
            int delivered,
            int undelivered,
            ReservationStatus status,
            Instant updatedAt,
            Instant startedAt) {
        this(
                reservationId,
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
                null);
    }

    /**
     * A row whose dispatch start is not known.
     *
     * @param reservationId the reservation
     * @param customerId    whose it is
     * @param total         its recipient count
     * @param sent          recipients the channel accepted
     * @param failed        recipients failed
     * @param cancelled     recipients not sent because of cancellation, rejection or expiry
     * @param awaiting      of the sent, those whose delivery report is still awaited
     * @param delivered     of the sent, those reported delivered
     * @param undelivered   of the sent, those reported not delivered, expired, or without a report in time
     * @param status        where it stands
     * @param updatedAt     the time of the last event applied to the row
     */
    public DashboardView(
            ReservationId reservationId,
            String customerId,
            int total,
            int sent,
            int failed,
            int cancelled,
            int awaiting,
            int delivered,
            int undelivered,
            ReservationStatus status,
            Instant updatedAt) {
        this(
                reservationId,
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
                null);
    }

    /**
     * A row of a channel without delivery reports.
     *
     * @param reservationId the reservation
     * @param customerId    whose it is
     * @param total         its recipient count
     * @param sent          recipients the channel accepted
     * @param failed        recipients failed
     * @param cancelled     recipients not sent because of cancellation, rejection or expiry
     * @param status        where it stands
     * @param updatedAt     the time of the last event applied to the row
     */
    public DashboardView(
            ReservationId reservationId,
            String customerId,
            int total,
            int sent,
            int failed,
            int cancelled,
            ReservationStatus status,
            Instant updatedAt) {
        this(reservationId, customerId, total, sent, failed, cancelled, 0, 0, 0, status, updatedAt);
    }

    /**
     * When the last recipient is expected to have its send result, at the rate measured since the dispatch began
     * (waits, slices given to others and pauses included): empty unless it is being sent and some recipient has a
     * result.
     *
     * @return the expected finish time, or empty
     */
    public Optional<Instant> expectedFinishAt() {
        int done = total - pending();
        if (status != ReservationStatus.DISPATCHING || startedAt == null || done == 0 || pending() == 0) {
            return Optional.empty();
        }
        long elapsedMillis = Math.max(0, Duration.between(startedAt, updatedAt).toMillis());
        return Optional.of(updatedAt.plusMillis(elapsedMillis * pending() / done));
    }

    /** @return recipients without a send result yet (never below 0) */
    public int pending() {
        return Math.max(0, total - sent - failed - cancelled);
    }

    /**
     * Share of recipients with a final outcome (a send result that awaits no report), 0 to 100.
     *
     * @return the percentage, rounded down; 100 for a reservation without recipients
     */
    public int progressPercent() {
        return total == 0 ? 100 : (int) ((sent - awaiting + failed + cancelled) * 100L / total);
    }

    /**
     * Of the deliveries whose report is in, the share delivered, 0 to 100; 0 while none is in.
     *
     * @return the percentage, rounded down
     */
    public int deliveredPercent() {
        int reported = delivered + undelivered;
        return reported == 0 ? 0 : (int) (delivered * 100L / reported);
    }
}

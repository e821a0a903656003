package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.StatisticsCounters;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboard API answers. Times are ISO-8601 text and amounts decimal text, whatever the host's JSON
 * settings, so the page reads them one way.
 */
final class DashboardJson {
    private DashboardJson() {}

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * The principal the page is shown to.
     *
     * @param actions whether the page offers registering, pausing, resuming, cancelling and rescheduling
     */
    record Me(String name, String customerId, boolean operator, String currency, boolean actions) {}

    /** What a pause, resume, cancel or reschedule did, as the engine's outcome constant. */
    record ActionOutcome(String reservationId, String outcome) {}

    /**
     * A reservation's progress, as the dashboard read model has it (and as the live stream pushes it).
     *
     * @param dispatchStartedAt when its first claim began sending; null before
     * @param expectedFinishAt while it is being sent, when its last recipient should have a result at the rate so far
     * @param nextSendAt       while it waits (for its send time or its delivery window), when its next send is due
     */
    record Progress(
            String reservationId,
            String customerId,
            int total,
            int sent,
            int failed,
            int cancelled,
            int pending,
            int awaiting,
            int delivered,
            int undelivered,
            int progressPercent,
            int deliveredPercent,
            String status,
            String updatedAt,
            String dispatchStartedAt,
            String expectedFinishAt,
            String nextSendAt) {

        static Progress of(DashboardView v) {
            return new Progress(
                    v.reservationId().toString(),
                    v.customerId(),
                    v.total(),
                    v.sent(),
                    v.failed(),
                    v.cancelled(),
                    v.pending(),
                    v.awaiting(),
                    v.delivered(),
                    v.undelivered(),
                    v.progressPercent(),
                    v.deliveredPercent(),
                    v.status().name(),
                    text(v.updatedAt()),
                    text(v.startedAt()),
                    text(v.expectedFinishAt().orElse(null)),
                    text(v.nextSendAt()));
        }

        /** From the reservation's own counters, for a reservation the read model has not projected yet. */
        static Progress of(Reservation r) {
            return of(new DashboardView(
                    r.id(),
                    r.customerId(),
                    r.recipientCount(),
                    r.sent(),
                    r.failed(),
                    r.cancelled(),
                    r.awaiting(),
                    r.delivered(),
                    r.undelivered(),
                    r.status(),
                    r.updatedAt()));
        }
    }

    /**
     * What a reservation cost: charges for accepted sends, less refunds, in the dashboard's currency.
     *
     * @param currency ISO 4217 code
     */
    record Cost(String currency, long charges, String charged, long refunds, String refunded, String net) {}

    /**
     * One reservation as the list and its drill-down show it.
     *
     * @param sendAt the send time asked for; null for at once
     * @param statusReason why it was rejected (or otherwise ended early); null when nothing to say
     */
    record ReservationRow(
            String reservationId,
            String customerId,
            String subject,
            String text,
            String createdAt,
            String sendAt,
            String statusReason,
            Progress progress,
            Cost cost) {}

    /** One page of the list, newest first; pages are numbered from 0. */
    record RowPage(List<ReservationRow> items, int page, int size, long totalItems, long totalPages) {}

    /**
     * One recipient's delivery.
     *
     * @param state the send result, then the report's final state
     * @param completedAt when the send result was recorded
     * @param reportStatus the last delivery report's status (an intermediate one while the final is awaited)
     * @param failureReason the last error or the report's words, for a delivery that did not get through
     */
    record DeliveryRow(
            int sequence,
            String recipient,
            String state,
            int attempts,
            String completedAt,
            String providerReference,
            String reportStatus,
            String reportedAt,
            String failureReason) {

        static DeliveryRow of(Delivery d) {
            boolean failed = d.state() == DeliveryState.FAILED
                    || d.state() == DeliveryState.UNDELIVERED
                    || d.state() == DeliveryState.EXPIRED
                    || d.state() == DeliveryState.CANCELLED;
            return new DeliveryRow(
                    d.sequence(),
                    d.recipient(),
                    d.state().name(),
                    d.attempts(),
                    text(d.completedAt()),
                    d.providerReference(),
                    d.reportStatus() == null ? null : d.reportStatus().name(),
                    text(d.reportedAt()),
                    failed ? d.detail() : null);
        }
    }

    /**
     * A slice of a reservation's deliveries in recipient order.
     *
     * @param nextSequence where the next slice starts; null after the last recipient
     */
    record DeliveryPage(String reservationId, List<DeliveryRow> items, int fromSequence, Integer nextSequence) {}

    /** Counters of one statistics period (all the viewer's customers together). */
    record Bucket(String periodStart, StatisticsCounters counters) {}

    /**
     * Statistics over {@code [from, to)}: one bucket per period that counted anything, and their sum.
     *
     * @param customerId whose counters; null for every customer's
     * @param from the start of the period the requested from fell in
     * @param period the length of a bucket: MINUTES, HOURS or DAYS
     */
    record Statistics(
            String customerId,
            String from,
            String to,
            String period,
            List<Bucket> buckets,
            StatisticsCounters totals) {}
}

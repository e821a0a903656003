package io.msgsvc.examples.web;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationStatus;
import java.time.Instant;

/**
 * One reservation's progress, from the dashboard read model: sent (accepted by the gateway), of which
 * {@code awaiting} still await their delivery report, {@code delivered} and {@code undelivered} have theirs; while it
 * is being sent, {@code expectedFinishAt} at the rate measured since its dispatch began (else null).
 */
public record DashboardRowJson(
        String reservationId,
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
        ReservationStatus status,
        Instant updatedAt,
        Instant expectedFinishAt) {

    static DashboardRowJson of(DashboardView v) {
        return new DashboardRowJson(
                v.reservationId().toString(),
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
                v.status(),
                v.updatedAt(),
                v.expectedFinishAt().orElse(null));
    }
}

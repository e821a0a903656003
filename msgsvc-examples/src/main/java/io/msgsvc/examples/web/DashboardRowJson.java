package io.msgsvc.examples.web;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationStatus;
import java.time.Instant;

/** One reservation's progress, from the dashboard read model. */
public record DashboardRowJson(
        String reservationId,
        int total,
        int sent,
        int failed,
        int cancelled,
        int pending,
        int progressPercent,
        ReservationStatus status,
        Instant updatedAt) {

    static DashboardRowJson of(DashboardView v) {
        return new DashboardRowJson(
                v.reservationId().toString(),
                v.total(),
                v.sent(),
                v.failed(),
                v.cancelled(),
                v.pending(),
                v.progressPercent(),
                v.status(),
                v.updatedAt());
    }
}

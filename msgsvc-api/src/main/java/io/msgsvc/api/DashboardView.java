package io.msgsvc.api;

import java.time.Instant;

/** The dashboard read model's row for one reservation (CQRS: updated asynchronously from events). */
public record DashboardView(
        ReservationId reservationId,
        String customerId,
        int total,
        int sent,
        int failed,
        int cancelled,
        ReservationStatus status,
        Instant updatedAt) {

    public int pending() {
        return Math.max(0, total - sent - failed - cancelled);
    }

    /** Share of recipients with a final outcome, 0 to 100. */
    public int progressPercent() {
        return total == 0 ? 100 : (int) ((sent + failed + cancelled) * 100L / total);
    }
}

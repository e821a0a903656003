package io.msgsvc.api;

import java.time.Instant;
import java.util.List;

/**
 * A reservation with its per-recipient deliveries, in recipient-list order.
 *
 * @param reservation      the reservation, with its status and counts
 * @param deliveries       every delivery, in list order; unmodifiable
 * @param expectedFinishAt while it is being sent, when its last recipient is expected to have a result at the rate
 *                         measured so far (see {@link DashboardView#expectedFinishAt()}); else null
 * @param nextSendAt       while it waits, when its next send is due (see {@link DashboardView#nextSendAt()}); else null
 */
public record ReservationDetails(
        Reservation reservation, List<Delivery> deliveries, Instant expectedFinishAt, Instant nextSendAt) {
    /**
     * @param reservation      the reservation
     * @param deliveries       its deliveries, in list order, not null; copied
     * @param expectedFinishAt when its last recipient is expected to have a result, or null
     * @param nextSendAt       when its next send is due while it waits, or null
     * @throws NullPointerException if {@code deliveries} is null or holds null
     */
    public ReservationDetails {
        deliveries = List.copyOf(deliveries);
    }

    /**
     * Without a next send time.
     *
     * @param reservation      the reservation
     * @param deliveries       its deliveries, in list order, not null; copied
     * @param expectedFinishAt when its last recipient is expected to have a result, or null
     */
    public ReservationDetails(Reservation reservation, List<Delivery> deliveries, Instant expectedFinishAt) {
        this(reservation, deliveries, expectedFinishAt, null);
    }

    /**
     * Without an expected finish time.
     *
     * @param reservation the reservation
     * @param deliveries  its deliveries, in list order, not null; copied
     */
    public ReservationDetails(Reservation reservation, List<Delivery> deliveries) {
        this(reservation, deliveries, null, null);
    }
}

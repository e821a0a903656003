package io.msgsvc.api;

import java.time.Instant;
import java.util.List;

/**
 * A reservation with its per-recipient deliveries, in recipient-list order.
 *
 * @param expectedFinishAt while it is being sent, when its last recipient is expected to have a result at the rate
 *                         measured so far (see {@link DashboardView#expectedFinishAt()}); else null
 */
public record ReservationDetails(Reservation reservation, List<Delivery> deliveries, Instant expectedFinishAt) {
    public ReservationDetails {
        deliveries = List.copyOf(deliveries);
    }

    /** Without an expected finish time. */
    public ReservationDetails(Reservation reservation, List<Delivery> deliveries) {
        this(reservation, deliveries, null);
    }
}

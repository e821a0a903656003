package io.msgsvc.api;

import java.util.List;

/** A reservation with its per-recipient deliveries, in recipient-list order. */
public record ReservationDetails(Reservation reservation, List<Delivery> deliveries) {
    public ReservationDetails {
        deliveries = List.copyOf(deliveries);
    }
}

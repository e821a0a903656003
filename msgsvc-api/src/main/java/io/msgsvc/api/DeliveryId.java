package io.msgsvc.api;

import java.util.Objects;

/**
 * Identity of one delivery: a reservation and the recipient's position in its list (from 0).
 * {@link #toString()} is stable and is handed to channels as the provider's idempotency key.
 */
public record DeliveryId(ReservationId reservationId, int sequence) {
    public DeliveryId {
        Objects.requireNonNull(reservationId, "reservationId");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
        }
    }

    @Override
    public String toString() {
        return reservationId + "/" + sequence;
    }
}

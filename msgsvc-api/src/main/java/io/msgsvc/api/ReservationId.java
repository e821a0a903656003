package io.msgsvc.api;

import java.util.Objects;
import java.util.UUID;

/** Identity of a reservation. */
public record ReservationId(UUID value) {
    public ReservationId {
        Objects.requireNonNull(value, "value");
    }

    public static ReservationId random() {
        return new ReservationId(UUID.randomUUID());
    }

    /**
     * Parses the form produced by {@link #toString()}; throws {@link InvalidRequestException} naming {@code
     * reservationId}.
     */
    public static ReservationId parse(String text) {
        try {
            return new ReservationId(UUID.fromString(Objects.requireNonNull(text, "reservationId")));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequestException("reservationId", "is not a reservation id: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

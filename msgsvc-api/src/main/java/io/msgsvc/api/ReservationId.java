package io.msgsvc.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Identity of a reservation.
 *
 * @param value the UUID, not null
 */
public record ReservationId(UUID value) {
    /**
     * @param value the UUID, not null
     * @throws NullPointerException if {@code value} is null
     */
    public ReservationId {
        Objects.requireNonNull(value, "value");
    }

    /** @return a new id, from a random UUID */
    public static ReservationId random() {
        return new ReservationId(UUID.randomUUID());
    }

    /**
     * Parses the form produced by {@link #toString()}; throws {@link InvalidRequestException} naming {@code
     * reservationId}.
     *
     * @param text a UUID in text form; may be null, which is refused like any other non-id
     * @return the id
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

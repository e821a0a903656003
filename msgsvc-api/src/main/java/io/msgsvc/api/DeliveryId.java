package io.msgsvc.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Identity of one delivery: a reservation and the recipient's position in its list (from 0).
 * {@link #toString()} is stable and is handed to channels as the provider's idempotency key.
 *
 * @param reservationId the reservation, not null
 * @param sequence      the recipient's position in its list, from 0
 */
public record DeliveryId(ReservationId reservationId, int sequence) {
    /**
     * @param reservationId the reservation, not null
     * @param sequence      the recipient's position in its list, from 0
     * @throws NullPointerException     if {@code reservationId} is null
     * @throws IllegalArgumentException if {@code sequence} is negative
     */
    public DeliveryId {
        Objects.requireNonNull(reservationId, "reservationId");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
        }
    }

    /**
     * The delivery id in {@code text}, as {@link #toString()} wrote it ({@code <reservation id>/<sequence>}).
     *
     * @param text the text form; may be null, which is refused like any other non-id
     * @return the delivery id
     * @throws InvalidRequestException (field {@code deliveryId}) for anything else
     */
    public static DeliveryId parse(String text) {
        int slash = text == null ? -1 : text.lastIndexOf('/');
        if (slash > 0) {
            try {
                return new DeliveryId(
                        new ReservationId(UUID.fromString(text.substring(0, slash))),
                        Integer.parseInt(text.substring(slash + 1)));
            } catch (IllegalArgumentException e) { // a bad UUID, number or sequence
                // falls through to the refusal below
            }
        }
        throw new InvalidRequestException("deliveryId", "is not a delivery id (<reservation id>/<sequence>): " + text);
    }

    @Override
    public String toString() {
        return reservationId + "/" + sequence;
    }
}

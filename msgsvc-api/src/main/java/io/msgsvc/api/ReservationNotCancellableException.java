package io.msgsvc.api;

/** Cancel was asked of a reservation with nothing left to send: it ended, or only awaits delivery reports. */
public class ReservationNotCancellableException extends MsgsvcException {
    /** The reservation's status when the cancel was asked. */
    private final ReservationStatus status;

    /**
     * @param id     the reservation
     * @param status its status: ended, or {@link ReservationStatus#AWAITING_RESULTS}
     */
    public ReservationNotCancellableException(ReservationId id, ReservationStatus status) {
        super("reservationId: reservation " + id + " is " + status
                + " with nothing left to send, and cannot be cancelled");
        this.status = status;
    }

    /** @return the reservation's status when the cancel was asked */
    public ReservationStatus status() {
        return status;
    }
}

package io.msgsvc.api;

/** Cancel was asked of a reservation with nothing left to send: it ended, or only awaits delivery reports. */
public class ReservationNotCancellableException extends MsgsvcException {
    private final ReservationStatus status;

    public ReservationNotCancellableException(ReservationId id, ReservationStatus status) {
        super("reservationId: reservation " + id + " is " + status
                + " with nothing left to send, and cannot be cancelled");
        this.status = status;
    }

    public ReservationStatus status() {
        return status;
    }
}

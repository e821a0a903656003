package io.msgsvc.api;

/** Cancel was asked of a reservation that already ended. */
public class ReservationNotCancellableException extends MsgsvcException {
    private final ReservationStatus status;

    public ReservationNotCancellableException(ReservationId id, ReservationStatus status) {
        super("reservationId: reservation " + id + " has already ended as " + status + " and cannot be cancelled");
        this.status = status;
    }

    public ReservationStatus status() {
        return status;
    }
}

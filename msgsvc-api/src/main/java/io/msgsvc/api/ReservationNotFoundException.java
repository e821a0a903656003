package io.msgsvc.api;

/** No reservation has this id. */
public class ReservationNotFoundException extends MsgsvcException {
    private final ReservationId id;

    public ReservationNotFoundException(ReservationId id) {
        super("reservationId: no reservation " + id);
        this.id = id;
    }

    public ReservationId id() {
        return id;
    }
}

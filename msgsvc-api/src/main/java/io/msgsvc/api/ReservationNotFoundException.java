package io.msgsvc.api;

/** No reservation has this id. */
public class ReservationNotFoundException extends MsgsvcException {
    /** The id asked about. */
    private final ReservationId id;

    /** @param id the id no reservation has */
    public ReservationNotFoundException(ReservationId id) {
        super("reservationId: no reservation " + id);
        this.id = id;
    }

    /** @return the id no reservation has */
    public ReservationId id() {
        return id;
    }
}

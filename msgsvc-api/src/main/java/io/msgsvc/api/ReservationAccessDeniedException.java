package io.msgsvc.api;

/** The reservation exists but belongs to another customer. Hosts facing the internet may report it as not found. */
public class ReservationAccessDeniedException extends MsgsvcException {
    private final ReservationId id;

    public ReservationAccessDeniedException(ReservationId id, String customerId) {
        super("reservationId: reservation " + id + " does not belong to customer '" + customerId + "'");
        this.id = id;
    }

    public ReservationId id() {
        return id;
    }
}

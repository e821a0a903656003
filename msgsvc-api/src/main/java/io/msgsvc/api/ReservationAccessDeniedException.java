package io.msgsvc.api;

/** The reservation exists but belongs to another customer. Hosts facing the internet may report it as not found. */
public class ReservationAccessDeniedException extends MsgsvcException {
    /** The reservation asked about. */
    private final ReservationId id;

    /**
     * @param id         the reservation asked about
     * @param customerId the customer who asked, not its owner
     */
    public ReservationAccessDeniedException(ReservationId id, String customerId) {
        super("reservationId: reservation " + id + " does not belong to customer '" + customerId + "'");
        this.id = id;
    }

    /** @return the reservation asked about */
    public ReservationId id() {
        return id;
    }
}

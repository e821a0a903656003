package io.msgsvc.spi;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import java.util.List;
import java.util.Optional;

/** Reservations and their deliveries as registered, and the queries customers make of them. */
public interface Registrations {

    /**
     * Stores the reservation and one pending delivery per recipient, in list order; the event is {@code reserved}.
     * When the customer's idempotency key already names a reservation, stores nothing and returns that one with
     * {@code created == false} and no event.
     *
     * @param tx          the open transaction
     * @param reservation the validated reservation
     * @param reserved    its {@code Reserved} event
     * @return what was stored, or found, with the event when stored
     */
    Written<Registration> register(StorageTx tx, NewReservation reservation, ReservationEvent.Reserved reserved);

    /**
     * The trace context the reservation was registered in ({@link NewReservation#traceContext()}), for its
     * projections to continue that trace on any node. Read in the projection's transaction, so a reservation
     * registered in that same transaction is found. The engine asks only while tracing is on, once per reservation
     * and node. The default, for a storage that keeps no context, answers {@link TraceContext#NONE}: its projections
     * then start no span.
     *
     * @param tx the open transaction
     * @param id the reservation
     * @return its context; {@link TraceContext#NONE} when it has none or there is no such reservation
     */
    default TraceContext traceContext(StorageTx tx, ReservationId id) {
        return TraceContext.NONE;
    }

    /**
     * @param id the reservation
     * @return it, with its current status and counts, or empty when no reservation has this id
     */
    Optional<Reservation> find(ReservationId id);

    /**
     * Deliveries in list order, starting at {@code fromSequence}.
     *
     * @param id           the reservation
     * @param fromSequence the first sequence to return
     * @param limit        the most to return
     * @return the deliveries; empty past the end (or when there is no such reservation)
     */
    List<Delivery> deliveries(ReservationId id, int fromSequence, int limit);

    /**
     * A customer's reservations, newest first.
     *
     * @param customerId the customer
     * @param page       which page
     * @return the page, empty for a customer with none
     */
    Page<Reservation> findByCustomer(String customerId, PageRequest page);
}

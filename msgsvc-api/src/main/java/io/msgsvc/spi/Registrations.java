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
     */
    Written<Registration> register(StorageTx tx, NewReservation reservation, ReservationEvent.Reserved reserved);

    Optional<Reservation> find(ReservationId id);

    /** Deliveries in list order, starting at {@code fromSequence}. */
    List<Delivery> deliveries(ReservationId id, int fromSequence, int limit);

    /** A customer's reservations, newest first. */
    Page<Reservation> findByCustomer(String customerId, PageRequest page);
}

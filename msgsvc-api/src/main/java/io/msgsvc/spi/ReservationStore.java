package io.msgsvc.spi;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The write model: reservations, their deliveries, the outbox, and the reservation status that reacts to events.
 * Every method that takes an event writes it to the outbox atomically with the state change it reports.
 *
 * <p>Implementations must be safe for concurrent use by several engines (nodes) at once.
 */
public interface ReservationStore {

    /** The detail of deliveries, and the status reason of a reservation, that the customer cancelled. */
    String CUSTOMER_CANCEL_REASON = "cancelled by the customer";

    /**
     * Stores the reservation, one pending delivery per recipient in list order, and the {@code reserved} event, all
     * or nothing. When the customer's idempotency key already names a reservation, stores nothing and returns that
     * one with {@code created == false}.
     */
    Registration register(NewReservation reservation, ReservationEvent.Reserved reserved);

    Optional<Reservation> find(ReservationId id);

    /** Deliveries in list order, starting at {@code fromSequence}. */
    List<Delivery> deliveries(ReservationId id, int fromSequence, int limit);

    /** A customer's reservations, newest first. */
    Page<Reservation> findByCustomer(String customerId, PageRequest page);

    /** The earliest time at which some open reservation becomes due, if any. */
    Optional<Instant> nextDueAt();

    /**
     * Leases up to {@code limit} open reservations that are due at {@code now} and not leased by a live owner,
     * leaving out {@code busy}: the ones the caller is sending already, whose lease it renews itself.
     * Stores with a database measure {@code now} and the lease on the database clock.
     */
    List<ClaimedReservation> claimDue(
            Instant now, int limit, String owner, Duration lease, Collection<ReservationId> busy);

    /** Marks a leased reservation as dispatching, once, writing {@code event}. False if it was already started. */
    boolean startDispatch(ReservationId id, String owner, ReservationEvent.DispatchStarted event);

    /** Extends the lease; false if the owner no longer holds it. */
    boolean renewLease(ReservationId id, String owner, Instant now, Duration lease);

    /** Gives the lease up (on shutdown) so another node can resume at once. */
    void releaseLease(ReservationId id, String owner);

    /** Up to {@code limit} pending deliveries in list order, from {@code fromSequence} on. */
    List<Delivery> pendingDeliveries(ReservationId id, int fromSequence, int limit);

    /**
     * Records results of one reservation's deliveries with their events, all in one transaction. A delivery that is
     * no longer pending keeps its state and its event is not written.
     */
    ResultAck recordResults(ReservationId id, List<RecordedResult> results);

    /**
     * After a transient failure: counts the attempt, keeps the error, makes the reservation due again at
     * {@code retryAt} and releases the lease. False if the owner no longer holds the lease.
     */
    boolean deferDelivery(DeliveryId id, String owner, int attempts, String error, Instant retryAt);

    /**
     * Closes a leased reservation for good: pending deliveries become cancelled with {@code cancelReason} (none are
     * pending when it completed normally), and the event built from the final counts is written. Empty if the owner
     * no longer holds the lease or it was closed already.
     */
    Optional<CloseSummary> close(
            ReservationId id,
            String owner,
            String cancelReason,
            Function<CloseSummary, ? extends ReservationEvent> closingEvent);

    /**
     * The customer's cancel: when nobody holds the lease, closes it now as cancelled and writes the event; when a
     * node is sending, flags it so that node stops before its next recipient.
     *
     * @throws io.msgsvc.api.ReservationNotFoundException       no such reservation
     * @throws io.msgsvc.api.ReservationNotCancellableException it has already ended
     */
    CancelOutcome requestCancel(
            ReservationId id, Instant now, Function<CloseSummary, ? extends ReservationEvent> cancelledEvent);

    /** The oldest unpublished outbox entries, in order. */
    List<OutboxEntry> pollOutbox(int limit);

    /** Removes published entries from the outbox. */
    void markPublished(List<OutboxEntry> entries);

    /**
     * Applies events to their reservations' status and counts, each event once, all in one transaction.
     *
     * @return the ids of the events applied now (not before, and not twice within the list)
     */
    Set<UUID> applyProgress(List<ProgressUpdate> updates);

    /** Applies one event; false if it was applied before. */
    default boolean applyProgress(UUID eventId, ProgressDelta delta) {
        return !applyProgress(List.of(new ProgressUpdate(eventId, delta))).isEmpty();
    }

    /**
     * Asks to be told when another node stores a reservation or a due time, so the scheduler need not wait for its
     * next poll. Stores that cannot tell return a no-op handle; polling still finds the work.
     */
    default AutoCloseable watchDueTimes(Runnable wake) {
        return () -> {};
    }
}

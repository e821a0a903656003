package io.msgsvc.spi;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What senders work through: due reservations, their leases, their pending deliveries and the results written for
 * them, and how a reservation closes. Stores with a database measure {@code now} and leases on the database clock.
 */
public interface DispatchQueue {

    /** The earliest time at which some open reservation becomes due, if any. */
    Optional<Instant> nextDueAt();

    /**
     * Leases up to {@code limit} open reservations that are due at {@code now} and not leased by a live owner,
     * leaving out {@code busy}: the ones the caller is sending already, whose lease it renews itself.
     */
    List<ClaimedReservation> claimDue(
            StorageTx tx, Instant now, int limit, String owner, Duration lease, Collection<ReservationId> busy);

    /** Marks a leased reservation as dispatching, once; the event is {@code started}. False if it had begun. */
    Written<Boolean> startDispatch(
            StorageTx tx, ReservationId id, String owner, ReservationEvent.DispatchStarted started);

    /** Extends the lease; false if the owner no longer holds it. */
    boolean renewLease(StorageTx tx, ReservationId id, String owner, Instant now, Duration lease);

    /** Gives the lease up (on shutdown) so another node can resume at once. */
    void releaseLease(StorageTx tx, ReservationId id, String owner);

    /** Up to {@code limit} pending deliveries in list order, from {@code fromSequence} on. */
    List<Delivery> pendingDeliveries(ReservationId id, int fromSequence, int limit);

    /**
     * Records results of one reservation's deliveries; the events are those of the results recorded. A delivery
     * that is no longer pending keeps its state, and its result and event are dropped.
     */
    Written<ResultAck> recordResults(StorageTx tx, ReservationId id, List<RecordedResult> results);

    /**
     * After a transient failure: counts the attempt, keeps the error, makes the reservation due again at
     * {@code retryAt} and releases the lease. False if the owner no longer holds the lease.
     */
    boolean deferDelivery(StorageTx tx, DeliveryId id, String owner, int attempts, String error, Instant retryAt);

    /**
     * Closes a leased reservation for good as {@code closing} says: deliveries still pending become cancelled, and
     * the closing event is built from the final counts. Empty, with no event, if the owner no longer holds the lease
     * or it was closed already.
     */
    Written<Optional<CloseSummary>> close(StorageTx tx, ReservationId id, String owner, Closing closing);

    /**
     * The customer's cancel: when nobody holds the lease, closes the reservation now as {@code closing} says; when
     * a node is sending it, flags it so that node stops before its next recipient.
     *
     * @throws io.msgsvc.api.ReservationNotFoundException       no such reservation
     * @throws io.msgsvc.api.ReservationNotCancellableException it has already ended
     */
    Written<CancelOutcome> requestCancel(StorageTx tx, ReservationId id, Instant now, Closing.Cancelled closing);

    /**
     * Asks to be told when another node stores a reservation or a due time, so the scheduler need not wait for its
     * next poll. Stores that cannot tell return a no-op handle; polling still finds the work.
     */
    default AutoCloseable watchDueTimes(Runnable wake) {
        return () -> {};
    }
}

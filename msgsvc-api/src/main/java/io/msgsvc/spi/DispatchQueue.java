package io.msgsvc.spi;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ResumeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What senders work through: due reservations, their leases, their pending deliveries and the results written for
 * them, and how a reservation closes. Stores with a database measure {@code now} and leases on the database clock.
 *
 * <p><b>The issue mark.</b> Each reservation keeps the highest delivery sequence a sender may hand to the channel
 * (its {@code issuedThrough}, -1 before any). A sender raises it, in a transaction, before it calls the channel for
 * a delivery beyond it, so after any crash the store knows which deliveries without a result may have reached their
 * recipients: those at or below the mark. Such a delivery is never closed as cancelled without being sent again
 * (with its same idempotency key).
 */
public interface DispatchQueue {

    /**
     * The earliest time at which some open reservation becomes due, if any.
     *
     * @return that time (possibly past), or empty when no reservation waits to be sent
     */
    Optional<Instant> nextDueAt();

    /**
     * How the queue stands, for health checks: the due reservations that wait for a sender (earliest first) and the
     * leases on due reservations, live or expired, each figure from one bounded read. Reads committed data; leases
     * and due times on the store's clock, as {@link #claimDue} sees them.
     *
     * @param now   the engine's clock (a store with a database may take its own)
     * @param limit the most reservations counted in each figure
     * @return the figures
     */
    DispatchBacklog backlog(Instant now, int limit);

    /**
     * Leases up to {@code limit} open reservations that are due at {@code now} and not leased by a live owner,
     * leaving out {@code busy}: the ones the caller is sending already, whose lease it renews itself.
     *
     * @param tx    the open transaction
     * @param now   the engine's clock (a store with a database may take its own)
     * @param limit the most to lease
     * @param owner the claiming engine's node id
     * @param lease how long the lease lasts unless renewed
     * @param busy  reservations to leave out, not null
     * @return the reservations now leased to {@code owner}, earliest due first; empty when none is due
     */
    List<ClaimedReservation> claimDue(
            StorageTx tx, Instant now, int limit, String owner, Duration lease, Collection<ReservationId> busy);

    /**
     * Marks a leased reservation as dispatching, once, and raises its issue mark to {@code issueThrough} unless a
     * cancel was asked; the event is {@code started}. False, and nothing changed, if it had begun or is paused.
     *
     * @param tx           the open transaction
     * @param id           the reservation
     * @param owner        the node id holding its lease
     * @param started      the event to write when it starts
     * @param issueThrough the highest sequence the sender is about to hand to the channel
     * @return whether it started now, with {@code started} if so
     */
    Written<Boolean> startDispatch(
            StorageTx tx, ReservationId id, String owner, ReservationEvent.DispatchStarted started, int issueThrough);

    /**
     * Extends the lease; false if the owner no longer holds it. Once it answers true, no other node may take the lease
     * before {@code tx} ends (a database's row lock sees to it): the engine renews in the transaction that records a
     * result only the lease's holder may decide (see {@link #recordResults}).
     *
     * @param tx    the open transaction
     * @param id    the reservation
     * @param owner the node id that should hold its lease
     * @param now   the engine's clock (a store with a database may take its own)
     * @param lease how long from {@code now} the lease lasts
     * @return true if renewed
     */
    boolean renewLease(StorageTx tx, ReservationId id, String owner, Instant now, Duration lease);

    /**
     * Gives the lease up (on shutdown) so another node can resume at once, with the issue mark set to
     * {@code issuedThrough}: what this sender, and senders before it, may have handed to the channel.
     *
     * @param tx            the open transaction
     * @param id            the reservation
     * @param owner         the node id holding its lease; if it no longer does, nothing changes
     * @param issuedThrough the new issue mark
     */
    void releaseLease(StorageTx tx, ReservationId id, String owner, int issuedThrough);

    /**
     * Up to {@code limit} pending deliveries in list order, from {@code fromSequence} on.
     *
     * @param id           the reservation
     * @param fromSequence the first sequence to look at
     * @param limit        the most to return
     * @return the pending deliveries; empty when none is left (or there is no such reservation)
     */
    List<Delivery> pendingDeliveries(ReservationId id, int fromSequence, int limit);

    /**
     * Records results of one reservation's deliveries, and raises its issue mark to {@code issueThrough} (never
     * lowers it) while {@code owner} holds the lease and no cancel or pause was asked; the events are those of the
     * results recorded. A delivery that is no longer pending keeps its state, and its result and event are dropped;
     * results are recorded whoever sends them, as they say what the channel did. A result that is the engine's own
     * decision instead (a skip, a send refused for its size, a retry given up) is passed only after {@link
     * #renewLease} answered true in the same transaction: a node that lost the lease must not end a delivery that the
     * new holder may be sending. With no result it only raises the mark and answers whether to go on.
     *
     * @param tx           the open transaction
     * @param id           the reservation
     * @param owner        the node id that should hold its lease
     * @param results      the results with their events, possibly none
     * @param issueThrough the highest sequence the sender has handed, or is about to hand, to the channel
     * @return how many were recorded and whether to go on, with the events of those recorded
     */
    Written<ResultAck> recordResults(
            StorageTx tx, ReservationId id, String owner, List<RecordedResult> results, int issueThrough);

    /**
     * After a transient failure: counts the attempt, keeps the error, makes the reservation due again at
     * {@code retryAt} (or leaves it due now if a cancel was asked, so the cancel is carried out without waiting),
     * sets the issue mark to {@code issuedThrough} and releases the lease. False if the owner no longer holds the
     * lease.
     *
     * @param tx            the open transaction
     * @param id            the delivery that failed
     * @param owner         the node id that should hold the lease
     * @param attempts      channel calls made for it so far
     * @param error         the failure, kept as the delivery's detail
     * @param retryAt       when the reservation is due again
     * @param issuedThrough the new issue mark
     * @return true if deferred and released
     */
    boolean deferDelivery(
            StorageTx tx, DeliveryId id, String owner, int attempts, String error, Instant retryAt, int issuedThrough);

    /**
     * Closes a leased reservation for good as {@code closing} says: deliveries still pending become cancelled, and
     * the closing event is built from the final counts. Empty, with no event, if the owner no longer holds the lease
     * or it was closed already.
     *
     * @param tx      the open transaction
     * @param id      the reservation
     * @param owner   the node id that should hold its lease
     * @param closing how it closes
     * @return the final counts with the closing event, or empty
     */
    Written<Optional<CloseSummary>> close(StorageTx tx, ReservationId id, String owner, Closing closing);

    /**
     * The customer's cancel. When nobody holds the lease and no delivery at or below the issue mark is pending,
     * closes the reservation now as {@code closing} says. Otherwise flags it, so the node sending it stops before its
     * next recipient, or, when its sender is gone, the next node to claim it (due now) sends the deliveries that may
     * have reached the channel again and then closes it.
     *
     * @param tx      the open transaction
     * @param id      the reservation
     * @param now     the engine's clock (a store with a database may take its own)
     * @param closing how it closes, if it closes now
     * @return whether it was cancelled now or flagged, with the closing event when now
     * @throws io.msgsvc.api.ReservationNotFoundException       no such reservation
     * @throws io.msgsvc.api.ReservationNotCancellableException it has already ended
     */
    Written<CancelOutcome> requestCancel(StorageTx tx, ReservationId id, Instant now, Closing.Cancelled closing);

    /**
     * The customer's pause: an open reservation that is not paused and has no cancel asked is no longer claimed
     * (nor counted in {@link #nextDueAt()}) until resumed; a node sending it stops before its next send, raises the
     * mark no more, and releases the lease keeping the mark ({@link #releaseLease}). The event, built with
     * {@code eventId}, is written unless it was paused already. A cancel clears the pause.
     *
     * @param tx      the open transaction
     * @param id      the reservation
     * @param now     the engine's clock, which dates the event
     * @param eventId the id of the {@code ReservationPaused} event
     * @return what the pause did, with its event
     * @throws io.msgsvc.api.ReservationNotFoundException      no such reservation
     * @throws io.msgsvc.api.ReservationNotChangeableException it ended, only awaits reports, or is being cancelled
     */
    Written<PauseOutcome> requestPause(StorageTx tx, ReservationId id, Instant now, UUID eventId);

    /**
     * The customer's resume of a paused reservation: due again at its send time if that is after {@code now}, else
     * at {@code now}, with its issue mark as the pause left it. Not paused: nothing changes, no event.
     *
     * @param tx      the open transaction
     * @param id      the reservation
     * @param now     the engine's clock, which dates the event
     * @param eventId the id of the {@code ReservationResumed} event
     * @return what the resume did, with its event
     * @throws io.msgsvc.api.ReservationNotFoundException      no such reservation
     * @throws io.msgsvc.api.ReservationNotChangeableException it ended, or only awaits reports
     */
    Written<ResumeOutcome> requestResume(StorageTx tx, ReservationId id, Instant now, UUID eventId);

    /**
     * The customer's new send time, before sending began or while paused: the send time and due time become
     * {@code sendAt} (a paused one stays paused). The same send time changes nothing and writes no event.
     *
     * @param tx      the open transaction
     * @param id      the reservation
     * @param now     the engine's clock, which dates the event
     * @param sendAt  the new send time (validated by the engine)
     * @param eventId the id of the {@code ReservationRescheduled} event
     * @return what the reschedule did, with its event
     * @throws io.msgsvc.api.ReservationNotFoundException      no such reservation
     * @throws io.msgsvc.api.ReservationNotChangeableException it ended, is being cancelled, or is being sent
     */
    Written<RescheduleOutcome> requestReschedule(
            StorageTx tx, ReservationId id, Instant now, Instant sendAt, UUID eventId);

    /**
     * Asks to be told what other nodes do that concerns this one's work, without waiting for the next poll or result
     * write: a reservation or a due time stored, a cancel or a pause asked. Stores that cannot tell return a no-op
     * handle; polling and result writes still find out.
     *
     * @param watcher what to tell
     * @return a handle whose {@code close()} stops the telling
     */
    default AutoCloseable watch(Watcher watcher) {
        return () -> {};
    }

    /** Told of other nodes' work, on a thread of the store's. */
    interface Watcher {
        /** A reservation or a due time was stored: look for due work now. */
        void dueTimesChanged();

        /**
         * The customer asked to cancel this reservation: if it is being sent here, stop before the next send.
         *
         * @param id the reservation
         */
        void cancelRequested(ReservationId id);

        /**
         * The customer paused this reservation: if it is being sent here, stop before the next send.
         *
         * @param id the reservation
         */
        default void pauseRequested(ReservationId id) {}
    }
}

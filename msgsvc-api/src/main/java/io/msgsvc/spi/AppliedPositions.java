package io.msgsvc.spi;

import io.msgsvc.api.ReservationId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How far each consumer has applied each reservation's events, by their outbox position: the deduplication of a
 * store whose outbox positions grow, per reservation, in the order their transactions commit (each append holds the
 * reservation until commit). Events of one reservation then reach a consumer in position order, so an event at or
 * below the position applied is one seen before, and one record per reservation and consumer replaces a record per
 * event.
 */
public interface AppliedPositions {

    /**
     * The highest position applied for each of the reservations, locked until this transaction ends: a concurrent
     * consumer of the same name waits, then reads what this one applied (at read committed; a stricter isolation
     * fails its transaction instead, which is then run again).
     *
     * @param tx           the open transaction
     * @param consumer     the consumer's name
     * @param reservations the reservations of the events about to be applied
     * @return the highest position applied per reservation; absent when none was
     */
    Map<ReservationId, Long> lock(StorageTx tx, String consumer, Collection<ReservationId> reservations);

    /**
     * Of these events, those this consumer applied by a record of their id instead (before positions were kept, or
     * from a transport that carried none): an event above the applied position may have been applied so.
     *
     * @param tx       the open transaction
     * @param consumer the consumer's name
     * @param eventIds the ids of the events above the applied positions
     * @return the ids among them that a record says were applied
     */
    Set<UUID> appliedByRecord(StorageTx tx, String consumer, Collection<UUID> eventIds);

    /**
     * Records the highest positions now applied, in the transaction that applies them.
     *
     * @param tx       the open transaction, in which {@link #lock} was called for these reservations
     * @param consumer the consumer's name
     * @param applied  the highest position applied per reservation, above what {@link #lock} returned
     */
    void advance(StorageTx tx, String consumer, Map<ReservationId, Long> applied);
}

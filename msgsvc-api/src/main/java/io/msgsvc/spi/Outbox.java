package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;
import java.util.List;

/** Events waiting, in the order written, to be relayed to the projections. */
public interface Outbox {

    /**
     * Adds events written in this transaction; they become visible to {@link #poll} when it commits.
     *
     * @param tx     the open transaction
     * @param events the events, in the order they happened
     */
    void append(StorageTx tx, List<ReservationEvent> events);

    /**
     * Takes the oldest unpublished entries, in order, for a while: a relay on another node takes other entries, and
     * none while an earlier event of the same reservation is out with another relay.
     *
     * @param tx    the open transaction
     * @param limit the most entries to take
     * @return the entries taken, oldest first; empty when none is waiting
     */
    List<OutboxEntry> poll(StorageTx tx, int limit);

    /**
     * Takes the oldest unpublished entries, in order, for a relay that hands them to the transport and
     * {@linkplain #markPublished marks them} in this same transaction: while it is open no other relay takes any
     * entry, so nothing needs claiming row by row. When this transaction rolls back (the transport refused them, the
     * relay died) the entries are taken again, in order. Used only when {@link #takesUnderLock()} says so; the
     * default is {@link #poll}.
     *
     * @param tx    the open transaction, in which the entries are also marked published
     * @param limit the most entries to take
     * @return the entries taken, oldest first; empty when none is waiting or another relay holds the outbox
     */
    default List<OutboxEntry> take(StorageTx tx, int limit) {
        return poll(tx, limit);
    }

    /**
     * Whether {@link #take} holds every other relay off until its transaction ends, so a relay may publish inside
     * it. False by default: a store whose claims are not held by such a lock, or whose transactions block the whole
     * store (as the in-memory one does), keeps the relay on {@link #poll}, publishing between two transactions.
     *
     * @return true when {@link #take} serialises relays until commit or rollback
     */
    default boolean takesUnderLock() {
        return false;
    }

    /**
     * Marks entries as handed over to the transport (a store may delete them).
     *
     * @param tx      the open transaction
     * @param entries entries {@link #poll} or {@link #take} returned and the transport accepted
     */
    void markPublished(StorageTx tx, List<OutboxEntry> entries);

    /**
     * The events not yet published, for health checks: how many (up to {@code limit}) and when the oldest was
     * written; one bounded read of committed data.
     *
     * @param limit the most events counted
     * @return the figures; {@link OutboxBacklog#EMPTY} when none waits
     */
    OutboxBacklog backlog(int limit);
}

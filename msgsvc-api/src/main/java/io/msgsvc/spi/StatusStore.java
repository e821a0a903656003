package io.msgsvc.spi;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The reservation status and counts that customers read with their reservation: the status projection. */
public interface StatusStore {

    /**
     * Applies events' progress to their reservations (see {@link Progress#plus}); an update for a reservation this
     * store never had changes nothing.
     *
     * @param tx            the open transaction
     * @param updates       the events' changes, in event order
     * @param deduplication whether an event may have been applied before
     * @return the ids of the events applied now
     */
    Set<UUID> apply(StorageTx tx, List<ProgressUpdate> updates, Deduplication deduplication);
}

package io.msgsvc.memory;

import io.msgsvc.spi.Deduplication;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** The ids of the events one projection applied from a transport, kept for the life of the store. */
final class AppliedEventIds {
    private final Set<UUID> applied = new HashSet<>();

    /**
     * Whether the event is to be applied now: always when it is new by construction, else only the first time, which
     * is recorded in {@code tx}.
     */
    boolean firstTime(InMemoryTx tx, UUID eventId, Deduplication deduplication) {
        if (deduplication == Deduplication.NOT_NEEDED) {
            return true;
        }
        if (!applied.add(eventId)) {
            return false;
        }
        tx.onRollback(() -> applied.remove(eventId));
        return true;
    }
}

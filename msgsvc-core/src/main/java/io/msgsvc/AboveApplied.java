package io.msgsvc;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.AppliedPositions;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.StorageTx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A consumer's deduplication by outbox position: of a batch's entries, those above the position the consumer applied
 * of their reservation, the position moved up in the same transaction. One reservation's entries come in position
 * order (a broker keeps the order of a key); one seen again (republished by a relay that died before its commit,
 * redelivered after a rebalance) is at or below what was applied, whichever consumer of that name applied it.
 */
final class AboveApplied {
    private AboveApplied() {}

    /**
     * The batch cut into runs of entries with and without a position, in order: entries without one (a transport
     * that does not carry positions, a store that keeps none) are deduplicated by a record of each event instead.
     */
    static List<List<OutboxEntry>> runs(List<OutboxEntry> entries, boolean positionsKept) {
        List<List<OutboxEntry>> runs = new ArrayList<>();
        List<OutboxEntry> run = new ArrayList<>();
        for (OutboxEntry entry : entries) {
            if (!run.isEmpty() && positioned(run.get(0), positionsKept) != positioned(entry, positionsKept)) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(entry);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    static boolean positioned(OutboxEntry entry, boolean positionsKept) {
        return positionsKept && entry.positioned();
    }

    /**
     * The events of {@code run} this consumer has not applied, in order: above its applied position and without a
     * record of being applied (an event published first without its position); their positions recorded as applied.
     */
    static List<ReservationEvent> fresh(
            AppliedPositions positions, StorageTx tx, String consumer, List<OutboxEntry> run) {
        Set<ReservationId> reservations = new LinkedHashSet<>();
        run.forEach(entry -> reservations.add(entry.event().reservationId()));
        Map<ReservationId, Long> through = new HashMap<>(positions.lock(tx, consumer, reservations));
        Map<ReservationId, Long> advanced = new LinkedHashMap<>();
        List<ReservationEvent> above = new ArrayList<>(run.size());
        for (OutboxEntry entry : run) {
            ReservationId id = entry.event().reservationId();
            Long applied = through.get(id);
            if (applied == null || entry.position() > applied) {
                above.add(entry.event());
                through.put(id, entry.position());
                advanced.put(id, entry.position());
            }
        }
        if (above.isEmpty()) {
            return above;
        }
        positions.advance(tx, consumer, advanced);
        Set<UUID> ids = new LinkedHashSet<>();
        above.forEach(event -> ids.add(event.eventId()));
        Set<UUID> recorded = positions.appliedByRecord(tx, consumer, ids);
        if (!recorded.isEmpty()) {
            above.removeIf(event -> recorded.contains(event.eventId()));
        }
        return above;
    }
}

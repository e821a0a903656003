package io.msgsvc.memory;

import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.StatusStore;
import io.msgsvc.spi.StorageTx;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Each reservation's status and counts, kept on its row; applied-event ids are kept for the life of the store. */
final class InMemoryStatusStore implements StatusStore {
    private final InMemoryStorage storage;
    private final ReservationRows rows;
    private final AppliedEventIds applied = new AppliedEventIds();

    InMemoryStatusStore(InMemoryStorage storage, ReservationRows rows) {
        this.storage = storage;
        this.rows = rows;
    }

    @Override
    public Set<UUID> apply(StorageTx tx, List<ProgressUpdate> updates, Deduplication deduplication) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        Set<UUID> appliedNow = new LinkedHashSet<>();
        for (ProgressUpdate update : updates) {
            if (appliedNow.contains(update.eventId()) || !applied.firstTime(memory, update.eventId(), deduplication)) {
                continue;
            }
            appliedNow.add(update.eventId());
            ReservationRow row = rows.get(update.delta().reservationId());
            if (row != null) {
                row.changing(memory, rows);
                row.progress = row.progress.plus(update.delta());
            }
        }
        return appliedNow;
    }
}

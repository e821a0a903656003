package io.msgsvc.memory;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.DashboardStore;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.Progress;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.StorageTx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The dashboard read model in memory. */
final class InMemoryDashboardStore implements DashboardStore {
    private record Row(String customerId, Progress progress) {}

    private final InMemoryStorage storage;
    private final Map<ReservationId, Row> rows = new HashMap<>();
    private final Map<String, List<ReservationId>> idsByCustomer = new HashMap<>();
    private final AppliedEventIds applied = new AppliedEventIds();

    InMemoryDashboardStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public List<DashboardView> apply(StorageTx tx, List<ProgressUpdate> updates, Deduplication deduplication) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        List<DashboardView> changed = new ArrayList<>();
        Set<UUID> seen = new LinkedHashSet<>();
        for (ProgressUpdate update : updates) {
            if (!seen.add(update.eventId()) || !applied.firstTime(memory, update.eventId(), deduplication)) {
                continue;
            }
            ProgressDelta d = update.delta();
            ReservationId id = d.reservationId();
            Row before = rows.get(id);
            if (before == null) {
                List<ReservationId> ids = idsByCustomer.computeIfAbsent(d.customerId(), c -> new ArrayList<>());
                ids.add(id);
                memory.onRollback(() -> ids.remove(ids.size() - 1));
            }
            Row next = new Row(d.customerId(), (before == null ? Progress.NONE : before.progress).plus(d));
            rows.put(id, next);
            memory.onRollback(() -> {
                if (before == null) {
                    rows.remove(id);
                } else {
                    rows.put(id, before);
                }
            });
            changed.add(next.progress.toDashboardView(id, next.customerId));
        }
        return changed;
    }

    @Override
    public Optional<DashboardView> find(ReservationId id) {
        return storage.read(
                () -> Optional.ofNullable(rows.get(id)).map(r -> r.progress.toDashboardView(id, r.customerId)));
    }

    @Override
    public Page<DashboardView> findByCustomer(String customerId, PageRequest page) {
        return storage.read(() -> {
            List<ReservationId> ids = idsByCustomer.getOrDefault(customerId, List.of());
            List<DashboardView> items = new ArrayList<>();
            for (long i = page.offset(); i < ids.size() && items.size() < page.size(); i++) {
                ReservationId id = ids.get(ids.size() - 1 - (int) i);
                Row row = rows.get(id);
                items.add(row.progress.toDashboardView(id, row.customerId));
            }
            return new Page<>(items, page.page(), page.size(), ids.size());
        });
    }
}

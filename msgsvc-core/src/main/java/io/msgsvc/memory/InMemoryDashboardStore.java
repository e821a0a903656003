package io.msgsvc.memory;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.DashboardStore;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The dashboard read model in memory. */
final class InMemoryDashboardStore implements DashboardStore {
    private final Map<ReservationId, DashboardView> views = new HashMap<>();
    private final Map<String, List<ReservationId>> idsByCustomer = new HashMap<>();
    private final Set<UUID> applied = new HashSet<>();

    @Override
    public synchronized List<DashboardView> apply(List<ProgressUpdate> updates) {
        List<DashboardView> changed = new ArrayList<>();
        for (ProgressUpdate update : updates) {
            if (!applied.add(update.eventId())) {
                continue;
            }
            ProgressDelta d = update.delta();
            DashboardView current = views.get(d.reservationId());
            if (current == null) {
                current = new DashboardView(d.reservationId(), d.customerId(), 0, 0, 0, 0, null, d.at());
                idsByCustomer
                        .computeIfAbsent(d.customerId(), c -> new ArrayList<>())
                        .add(d.reservationId());
            }
            DashboardView next = d.applyTo(current);
            views.put(d.reservationId(), next);
            changed.add(next);
        }
        return changed;
    }

    @Override
    public synchronized Optional<DashboardView> find(ReservationId id) {
        return Optional.ofNullable(views.get(id));
    }

    @Override
    public synchronized Page<DashboardView> findByCustomer(String customerId, PageRequest page) {
        List<ReservationId> ids = idsByCustomer.getOrDefault(customerId, List.of());
        List<DashboardView> items = new ArrayList<>();
        for (long i = page.offset(); i < ids.size() && items.size() < page.size(); i++) {
            items.add(views.get(ids.get(ids.size() - 1 - (int) i)));
        }
        return new Page<>(items, page.page(), page.size(), ids.size());
    }
}

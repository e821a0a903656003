package io.msgsvc.spi;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReservationId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The dashboard read model (CQRS). */
public interface DashboardStore {

    /**
     * Applies the updates, each event once, in one transaction.
     *
     * @return the row as it stood after each update applied now, in the order given
     */
    List<DashboardView> apply(List<ProgressUpdate> updates);

    /** Applies one event; the updated row, or empty if the event was applied before. */
    default Optional<DashboardView> apply(UUID eventId, ProgressDelta delta) {
        List<DashboardView> views = apply(List.of(new ProgressUpdate(eventId, delta)));
        return views.isEmpty() ? Optional.empty() : Optional.of(views.get(views.size() - 1));
    }

    Optional<DashboardView> find(ReservationId id);

    /** A customer's rows, newest reservation first. */
    Page<DashboardView> findByCustomer(String customerId, PageRequest page);
}

package io.msgsvc.spi;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReservationId;

import java.util.Optional;
import java.util.UUID;

/** The dashboard read model (CQRS). */
public interface DashboardStore {

    /** Applies the change once; the updated row, or empty if this event was applied before. */
    Optional<DashboardView> apply(UUID eventId, ProgressDelta delta);

    Optional<DashboardView> find(ReservationId id);

    /** A customer's rows, newest reservation first. */
    Page<DashboardView> findByCustomer(String customerId, PageRequest page);
}

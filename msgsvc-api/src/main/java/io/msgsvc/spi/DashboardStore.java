package io.msgsvc.spi;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReservationId;
import java.util.List;
import java.util.Optional;

/** The dashboard read model (CQRS). */
public interface DashboardStore {

    /**
     * Applies events' progress to the rows of their reservations (see {@link Progress#plus}), creating a row the
     * first time a reservation is seen.
     *
     * @param tx            the open transaction
     * @param updates       the events' changes, in event order
     * @param deduplication whether an event may have been applied before
     * @return the row as it stood after each update applied now, in the order given
     */
    List<DashboardView> apply(StorageTx tx, List<ProgressUpdate> updates, Deduplication deduplication);

    /**
     * @param id the reservation
     * @return its row, or empty when no event of it has been applied yet
     */
    Optional<DashboardView> find(ReservationId id);

    /**
     * A customer's rows, newest reservation first.
     *
     * @param customerId the customer
     * @param page       which page
     * @return the page, empty for a customer with no row
     */
    Page<DashboardView> findByCustomer(String customerId, PageRequest page);
}

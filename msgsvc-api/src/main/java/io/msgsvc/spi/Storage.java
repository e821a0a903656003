package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Everything an engine stores, from one adapter (in memory, JDBC...). */
public interface Storage {
    ReservationStore reservations();

    BillingLedger billing();

    StatisticsStore statistics();

    DashboardStore dashboard();

    /** Whether {@link #projectInline} hands events to a projector; when false the engine relays them. */
    default boolean supportsInlineProjection() {
        return false;
    }

    /**
     * Runs {@code work} as one transaction in which every event the stores write goes to {@code projector} instead
     * of the outbox. The projector applies the events through these same stores, whose calls join the transaction,
     * so a state change and its projections commit together or not at all. Events projected this way are new by
     * construction (the store writes an event only with the change it reports), so the projection stores need not
     * keep records of them for deduplication.
     *
     * <p>{@code work} may run more than once (after a deadlock), and {@code projector} with it; both must start
     * afresh each time. When the thread is inside a transaction the storage does not own (a host's), the events go
     * to the outbox as usual and the projector is not called.
     *
     * @throws UnsupportedOperationException when {@link #supportsInlineProjection()} is false
     */
    default <T> T projectInline(Consumer<List<ReservationEvent>> projector, Supplier<T> work) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot project events inline");
    }
}

package io.msgsvc.memory;

import io.msgsvc.spi.BillingLedger;
import io.msgsvc.spi.DashboardStore;
import io.msgsvc.spi.ReservationStore;
import io.msgsvc.spi.StatisticsStore;
import io.msgsvc.spi.Storage;

/**
 * Storage that lives and dies with the JVM: for tests and quick starts. Several engines may share one instance to
 * behave like nodes sharing a database.
 */
public final class InMemoryStorage implements Storage {
    private final ReservationStore reservations = new InMemoryReservationStore();
    private final BillingLedger billing = new InMemoryBillingLedger();
    private final StatisticsStore statistics = new InMemoryStatisticsStore();
    private final DashboardStore dashboard = new InMemoryDashboardStore();

    @Override
    public ReservationStore reservations() {
        return reservations;
    }

    @Override
    public BillingLedger billing() {
        return billing;
    }

    @Override
    public StatisticsStore statistics() {
        return statistics;
    }

    @Override
    public DashboardStore dashboard() {
        return dashboard;
    }
}

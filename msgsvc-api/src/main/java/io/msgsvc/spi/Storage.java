package io.msgsvc.spi;

/** Everything an engine stores, from one adapter (in memory, JDBC...). */
public interface Storage {
    ReservationStore reservations();

    BillingLedger billing();

    StatisticsStore statistics();

    DashboardStore dashboard();
}

package io.msgsvc.spi;

import java.util.function.Function;

/**
 * Everything an engine stores, from one adapter (in memory, JDBC...), and the transactions it is written in. The
 * engine opens each unit of work with {@link #inTransaction} and hands the transaction to the role-named stores;
 * the stores change what they own, return the events their change produced, and never call back into the engine.
 *
 * <p>Implementations must be safe for concurrent use by several engines (nodes) at once.
 */
public interface Storage {

    /**
     * Runs {@code work} as one transaction and commits it; when {@code work} throws, rolls everything it wrote back
     * and rethrows. A transaction the store could not complete because of a conflict with a concurrent one (a
     * deadlock, a serialization failure, a unique key taken meanwhile) is run again from the start, so {@code work}
     * may run more than once and must start afresh each time. When the host has bound a transaction of its own to
     * the thread (an adapter's feature), {@code work} joins it and the host commits.
     *
     * @param work the transaction's work; it gets the open transaction to hand to the stores
     * @param <T>  what the work answers
     * @return what {@code work} returned
     */
    <T> T inTransaction(Function<StorageTx, T> work);

    /**
     * Reservations and their deliveries as registered, and the queries customers make.
     *
     * @return the registrations store
     */
    Registrations registrations();

    /**
     * Claims, leases, pending deliveries and their results: what senders work through.
     *
     * @return the dispatch queue
     */
    DispatchQueue dispatchQueue();

    /**
     * Events waiting to be relayed to the projections.
     *
     * @return the outbox
     */
    Outbox outbox();

    /**
     * Delivery reports, their parking and the result timeout.
     *
     * @return the delivery reports store
     */
    DeliveryReports deliveryReports();

    /**
     * Each reservation's status and counts, as the status projection keeps them.
     *
     * @return the status projection's store
     */
    StatusStore statuses();

    /** @return the charges and refunds, the billing projection's store */
    BillingLedger billing();

    /** @return the counters per customer and period, the statistics projection's store */
    StatisticsStore statistics();

    /** @return the dashboard read model, the dashboard projection's store */
    DashboardStore dashboard();

    /**
     * The positions applied per reservation, when this store's outbox positions grow per reservation in commit order
     * (see {@link AppliedPositions}); consumers of a transport that carries positions then deduplicate by them
     * instead of a record per event. Empty by default: consumers keep a record of each event applied.
     *
     * @return the applied positions, or empty
     */
    default java.util.Optional<AppliedPositions> appliedPositions() {
        return java.util.Optional.empty();
    }

    /**
     * The buckets that hold sending speeds across every engine on this store; asked for only when some speed applies.
     * A store that keeps none refuses.
     *
     * @return the buckets
     * @throws UnsupportedOperationException if this store keeps no sending speeds (the default)
     */
    default SendingPermits sendingPermits() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no sending speeds");
    }

    /**
     * The opt-out lists; asked for only when the host uses them or a delivery is about to be sent. A store that
     * keeps none refuses.
     *
     * @return the opt-out lists
     * @throws UnsupportedOperationException if this store keeps no opt-out lists (the default)
     */
    default OptOuts optOuts() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no opt-out lists");
    }
}

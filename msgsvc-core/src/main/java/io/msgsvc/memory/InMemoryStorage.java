package io.msgsvc.memory;

import io.msgsvc.spi.BillingLedger;
import io.msgsvc.spi.DashboardStore;
import io.msgsvc.spi.DeliveryReports;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.OptOuts;
import io.msgsvc.spi.Outbox;
import io.msgsvc.spi.Registrations;
import io.msgsvc.spi.SendingPermits;
import io.msgsvc.spi.StatisticsStore;
import io.msgsvc.spi.StatusStore;
import io.msgsvc.spi.Storage;
import io.msgsvc.spi.StorageTx;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage that lives and dies with the JVM: for tests and quick starts. Several engines may share one instance to
 * behave like nodes sharing a database. One lock serializes the transactions, and each keeps how to undo its
 * changes, so a transaction is all or nothing here as on a database, and the engine takes the same event path.
 */
public final class InMemoryStorage implements Storage {
    private static final Logger log = LoggerFactory.getLogger(InMemoryStorage.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final ReservationRows rows = new ReservationRows();
    private final Registrations registrations = new InMemoryRegistrations(this, rows);
    private final DispatchQueue dispatchQueue = new InMemoryDispatchQueue(this, rows);
    private final DeliveryReports deliveryReports = new InMemoryDeliveryReports(this, rows);
    private final StatusStore statuses = new InMemoryStatusStore(this, rows);
    private final Outbox outbox = new InMemoryOutbox(this);
    private final BillingLedger billing = new InMemoryBillingLedger(this);
    private final StatisticsStore statistics = new InMemoryStatisticsStore(this);
    private final DashboardStore dashboard = new InMemoryDashboardStore(this);
    private final SendingPermits sendingPermits = new InMemorySendingPermits();
    private final OptOuts optOuts = new InMemoryOptOuts(this);

    @Override
    public <T> T inTransaction(Function<StorageTx, T> work) {
        InMemoryTx tx = new InMemoryTx(this);
        T result;
        List<Runnable> committed;
        lock.lock();
        try {
            try {
                result = work.apply(tx);
            } catch (Throwable e) { // a checked exception smuggled out of host code must roll back too
                tx.rollBack();
                throw e;
            }
            committed = tx.commit();
        } finally {
            lock.unlock();
        }
        for (Runnable action : committed) {
            try {
                action.run();
            } catch (RuntimeException e) { // the transaction stands; the other actions still run
                log.warn("an action after a commit failed", e);
            }
        }
        return result;
    }

    /** Runs a read under the lock, so it sees committed state only. */
    <T> T read(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Registrations registrations() {
        return registrations;
    }

    @Override
    public DispatchQueue dispatchQueue() {
        return dispatchQueue;
    }

    @Override
    public DeliveryReports deliveryReports() {
        return deliveryReports;
    }

    @Override
    public StatusStore statuses() {
        return statuses;
    }

    @Override
    public Outbox outbox() {
        return outbox;
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

    @Override
    public SendingPermits sendingPermits() {
        return sendingPermits;
    }

    @Override
    public OptOuts optOuts() {
        return optOuts;
    }
}

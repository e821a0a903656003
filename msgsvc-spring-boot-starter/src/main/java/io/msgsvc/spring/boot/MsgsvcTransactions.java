package io.msgsvc.spring.boot;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.spi.Storage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs msgsvc's writes inside the application's Spring transaction, so that a reservation commits or rolls back
 * with the application's own data:
 *
 * <pre>{@code
 * @Transactional
 * public void placeOrder(Order order) {
 *     orders.save(order);
 *     transactions.reserve(ReservationRequest.builder()...build()); // gone if placeOrder rolls back
 * }
 * }</pre>
 *
 * <p>When a transaction is active on the application's {@link DataSource} (the one the storage uses), the work runs on
 * that transaction's connection through {@link JdbcStorage#inTransaction(Connection, Supplier)}, behind a savepoint: if
 * it throws, its own writes are undone and the application's transaction stays usable, whatever the application then
 * decides. After the application commits, the engine looks for due reservations at once. Without such a transaction
 * the work just runs, and msgsvc commits its writes itself. {@code Msgsvc.reserve} called directly never joins the
 * application's transaction.
 */
public class MsgsvcTransactions {
    private final Msgsvc msgsvc;
    private final Storage storage;
    private final DataSource dataSource;

    /**
     * @param msgsvc     the engine whose calls join the application's transaction
     * @param storage    the engine's storage; only a {@link JdbcStorage} can join
     * @param dataSource the application's DataSource, the one the storage uses, whose transaction is joined
     */
    public MsgsvcTransactions(Msgsvc msgsvc, Storage storage, DataSource dataSource) {
        this.msgsvc = Objects.requireNonNull(msgsvc, "msgsvc");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * {@link Msgsvc#reserve}, inside the application's transaction when one is active.
     *
     * @param request what to send, to whom and when
     * @return the reservation, committed with the application's transaction when it joined one
     */
    public Reservation reserve(ReservationRequest request) {
        return inHostTransaction(() -> msgsvc.reserve(request));
    }

    /**
     * Runs {@code work} (calls on the engine: reserve, cancel, reschedule...) inside the application's transaction
     * when one is active on the DataSource, else on its own.
     *
     * @param <T>  what {@code work} returns
     * @param work the calls on the engine
     * @return what {@code work} returned
     * @throws IllegalStateException a transaction is active but the storage is not a {@link JdbcStorage}, so msgsvc
     *     cannot join it
     */
    public <T> T inHostTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (!joinsHostTransaction()) {
            return work.get();
        }
        if (!(storage instanceof JdbcStorage jdbc)) {
            throw new IllegalStateException("a transaction is active, but the msgsvc storage ("
                    + storage.getClass().getName() + ") is not a JdbcStorage and cannot join it");
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.getAutoCommit()) {
                // the active transaction holds another resource: this connection commits each statement itself
                return work.get();
            }
            T result = withSavepoint(connection, () -> jdbc.inTransaction(connection, work));
            wakeAfterCommit();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use the transaction's connection: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** {@return whether a call now would run inside the application's transaction} (one holds the DataSource's) */
    public boolean joinsHostTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.getResource(dataSource) != null;
    }

    private static <T> T withSavepoint(Connection connection, Supplier<T> work) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException | UnsupportedOperationException e) {
            // a driver without RELEASE SAVEPOINT keeps it until the transaction ends: harmless
        }
        return result;
    }

    /** The registration's own wake-up came before the commit, when no other connection could see it yet. */
    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    msgsvc.checkDueNow();
                }
            });
        }
    }
}

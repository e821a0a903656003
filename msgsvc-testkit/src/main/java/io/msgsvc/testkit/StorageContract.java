package io.msgsvc.testkit;

import io.msgsvc.spi.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@link Storage} must do, run against each adapter by extending this class: its transactions (all or
 * nothing, after-commit actions only on commit) and each of its role-named stores, one contract per role
 * ({@link RegistrationsContract}, {@link DispatchQueueContract}, {@link PauseQueueContract},
 * {@link DeliveryReportsContract}, {@link ProjectionStoresContract}, {@link TransactionContract},
 * {@link SendingPermitsContract}). Store writes run as the engine runs them. Times are real and leases short, because
 * database stores measure leases on the database clock.
 */
public abstract class StorageContract
        implements RegistrationsContract,
                DispatchQueueContract,
                PauseQueueContract,
                DeliveryReportsContract,
                ProjectionStoresContract,
                SendingPermitsContract,
                TransactionContract {

    private StorageDriver driver;

    /** {@return a fresh, empty storage}, one per test */
    protected abstract Storage newStorage();

    /**
     * Frees what {@link #newStorage()} opened, after each test.
     *
     * @param storage a storage {@link #newStorage()} returned
     */
    protected void release(Storage storage) {}

    @BeforeEach
    void freshStore() {
        driver = new StorageDriver(newStorage());
    }

    @AfterEach
    void releaseStore() {
        release(driver.storage);
    }

    @Override
    public StorageDriver store() {
        return driver;
    }
}

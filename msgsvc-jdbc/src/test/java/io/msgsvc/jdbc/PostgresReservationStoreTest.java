package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.ReservationStoreContract;

class PostgresReservationStoreTest extends ReservationStoreContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.on(TestDatabases.postgres()); // real time, so the database clock rules
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.ReservationStoreContract;

class H2ReservationStoreTest extends ReservationStoreContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.on(TestDatabases.h2()); // real time, so the database clock rules
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

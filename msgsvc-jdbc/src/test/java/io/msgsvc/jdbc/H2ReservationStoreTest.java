package io.msgsvc.jdbc;

import io.msgsvc.ReservationStoreContract;
import io.msgsvc.spi.Storage;

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

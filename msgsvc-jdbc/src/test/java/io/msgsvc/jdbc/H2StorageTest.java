package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.StorageContract;

class H2StorageTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.on(TestDatabases.h2()); // real time, so the database clock rules
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.StorageContract;

class PostgresStorageTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.on(TestDatabases.postgres()); // real time, so the database clock rules
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

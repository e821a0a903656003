package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.StorageContract;

class MariaDbStorageTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.on(TestDatabases.mariadb()); // real time, so the database clock rules
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.RandomizedReportsContract;

/** On the database clock, as nodes in production run. */
class PostgresRandomizedReportsTest extends RandomizedReportsContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.on(TestDatabases.postgres());
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.StorageContract;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The StorageContract on MySQL 8 (-Ptestcontainers only: there is no embedded MySQL). */
@EnabledIfSystemProperty(
        named = TestServers.PROPERTY,
        matches = "testcontainers",
        disabledReason = TestServers.CONTAINERS_ONLY)
class MySqlStorageTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.on(TestDatabases.mysql()); // real time, so the database clock rules
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

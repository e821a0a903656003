package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.PreviewContract;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The PreviewContract on MySQL 8 (-Ptestcontainers only: there is no embedded MySQL). */
@EnabledIfSystemProperty(
        named = TestServers.PROPERTY,
        matches = "testcontainers",
        disabledReason = TestServers.CONTAINERS_ONLY)
class MySqlPreviewTest extends PreviewContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.mysql();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

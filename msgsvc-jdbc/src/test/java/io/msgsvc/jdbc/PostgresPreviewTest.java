package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.PreviewContract;

class PostgresPreviewTest extends PreviewContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.postgres();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

package io.msgsvc.jdbc;

import io.msgsvc.FailoverContract;
import io.msgsvc.spi.Storage;

class PostgresFailoverTest extends FailoverContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.postgres();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

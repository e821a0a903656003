package io.msgsvc.jdbc;

import io.msgsvc.FailoverContract;
import io.msgsvc.spi.Storage;

class H2FailoverTest extends FailoverContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.h2();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.OptOutContract;

class H2OptOutTest extends OptOutContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.h2();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

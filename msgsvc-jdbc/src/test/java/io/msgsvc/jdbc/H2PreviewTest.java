package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.PreviewContract;

class H2PreviewTest extends PreviewContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.h2();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

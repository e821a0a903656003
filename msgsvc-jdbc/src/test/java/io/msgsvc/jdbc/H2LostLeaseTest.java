package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.LostLeaseContract;

class H2LostLeaseTest extends LostLeaseContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.h2();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

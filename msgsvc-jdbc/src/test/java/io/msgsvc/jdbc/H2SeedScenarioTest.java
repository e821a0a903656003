package io.msgsvc.jdbc;

import io.msgsvc.SeedScenarioContract;
import io.msgsvc.spi.Storage;

class H2SeedScenarioTest extends SeedScenarioContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.h2();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

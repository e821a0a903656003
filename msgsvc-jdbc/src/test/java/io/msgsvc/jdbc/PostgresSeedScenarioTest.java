package io.msgsvc.jdbc;

import io.msgsvc.SeedScenarioContract;
import io.msgsvc.spi.Storage;

class PostgresSeedScenarioTest extends SeedScenarioContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.postgres();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

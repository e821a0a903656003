package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.ReportScenarioContract;

class H2ReportScenarioTest extends ReportScenarioContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.h2();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

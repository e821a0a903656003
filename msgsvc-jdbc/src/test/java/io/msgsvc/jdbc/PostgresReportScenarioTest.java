package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.ReportScenarioContract;

class PostgresReportScenarioTest extends ReportScenarioContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.postgres();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

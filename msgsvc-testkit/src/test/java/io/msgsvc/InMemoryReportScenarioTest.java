package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.ReportScenarioContract;

class InMemoryReportScenarioTest extends ReportScenarioContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.SeedScenarioContract;

class InMemorySeedScenarioTest extends SeedScenarioContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

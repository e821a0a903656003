package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.HealthContract;

class InMemoryHealthTest extends HealthContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.RandomizedReportsContract;

class InMemoryRandomizedReportsTest extends RandomizedReportsContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

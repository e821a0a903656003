package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.StorageContract;

class InMemoryStorageTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

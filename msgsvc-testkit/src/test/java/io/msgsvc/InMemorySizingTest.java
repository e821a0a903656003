package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.SizingContract;

class InMemorySizingTest extends SizingContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

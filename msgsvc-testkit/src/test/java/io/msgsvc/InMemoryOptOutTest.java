package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.OptOutContract;

class InMemoryOptOutTest extends OptOutContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;

class InMemoryFailoverTest extends FailoverContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

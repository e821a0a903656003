package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.FailoverContract;

class InMemoryFailoverTest extends FailoverContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

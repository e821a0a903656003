package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.PauseContract;

class InMemoryPauseTest extends PauseContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

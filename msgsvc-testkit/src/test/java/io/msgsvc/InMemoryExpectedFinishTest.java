package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.ExpectedFinishContract;

class InMemoryExpectedFinishTest extends ExpectedFinishContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.LostLeaseContract;

class InMemoryLostLeaseTest extends LostLeaseContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

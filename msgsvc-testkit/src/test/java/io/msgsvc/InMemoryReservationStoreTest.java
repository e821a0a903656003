package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.ReservationStoreContract;

class InMemoryReservationStoreTest extends ReservationStoreContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;

class InMemoryReservationStoreTest extends ReservationStoreContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

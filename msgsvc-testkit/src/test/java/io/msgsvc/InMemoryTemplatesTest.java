package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.TemplatesContract;

class InMemoryTemplatesTest extends TemplatesContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

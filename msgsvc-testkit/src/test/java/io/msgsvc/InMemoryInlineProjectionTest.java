package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.InlineProjectionContract;

class InMemoryInlineProjectionTest extends InlineProjectionContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

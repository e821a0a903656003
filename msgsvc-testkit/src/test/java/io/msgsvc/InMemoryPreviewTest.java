package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.PreviewContract;

class InMemoryPreviewTest extends PreviewContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

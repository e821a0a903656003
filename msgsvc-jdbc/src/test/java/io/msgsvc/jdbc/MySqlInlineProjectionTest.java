package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.InlineProjectionContract;

/** The InlineProjectionContract on MySQL 8 (-Ptestcontainers only: there is no embedded MySQL). */
class MySqlInlineProjectionTest extends InlineProjectionContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.mysql();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

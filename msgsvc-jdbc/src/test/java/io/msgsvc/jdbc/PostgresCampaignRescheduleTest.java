package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.CampaignRescheduleContract;

class PostgresCampaignRescheduleTest extends CampaignRescheduleContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.postgres();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

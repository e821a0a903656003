package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.CampaignRescheduleContract;

class H2CampaignRescheduleTest extends CampaignRescheduleContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.h2();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.CampaignRescheduleContract;

class MariaDbCampaignRescheduleTest extends CampaignRescheduleContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.mariadb();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.CampaignScheduleContract;

class MariaDbCampaignScheduleTest extends CampaignScheduleContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.mariadb();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

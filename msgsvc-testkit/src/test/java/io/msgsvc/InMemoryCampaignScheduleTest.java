package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.CampaignScheduleContract;

class InMemoryCampaignScheduleTest extends CampaignScheduleContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

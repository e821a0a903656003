package io.msgsvc;

import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.CampaignRescheduleContract;

class InMemoryCampaignRescheduleTest extends CampaignRescheduleContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}

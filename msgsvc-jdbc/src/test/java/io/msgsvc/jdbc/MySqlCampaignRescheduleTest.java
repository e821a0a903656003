package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.CampaignRescheduleContract;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The CampaignRescheduleContract on MySQL 8 (-Ptestcontainers only: there is no embedded MySQL). */
@EnabledIfSystemProperty(
        named = TestServers.PROPERTY,
        matches = "testcontainers",
        disabledReason = TestServers.CONTAINERS_ONLY)
class MySqlCampaignRescheduleTest extends CampaignRescheduleContract {
    @Override
    protected Storage newStorage() {
        return TestStorages.mysql();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

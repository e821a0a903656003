package io.msgsvc.jdbc;

import io.msgsvc.Msgsvc;
import io.msgsvc.SeedScenarioContract;
import io.msgsvc.spi.Storage;

/** The seed scenario with every event going through the outbox and the relay, as split deployments run. */
class PostgresOutboxSeedScenarioTest extends SeedScenarioContract {
    @Override
    protected Msgsvc.Builder configure(Msgsvc.Builder builder) {
        return builder.inlineProjection(false);
    }

    @Override
    protected Storage newStorage() {
        return TestStorages.postgres();
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }
}

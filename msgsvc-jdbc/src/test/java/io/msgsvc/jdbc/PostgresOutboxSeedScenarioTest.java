package io.msgsvc.jdbc;

import io.msgsvc.Msgsvc;

/** The seed scenario with every event going through the outbox and the relay, as split deployments run. */
class PostgresOutboxSeedScenarioTest extends PostgresSeedScenarioTest {
    @Override
    protected Msgsvc.Builder configure(Msgsvc.Builder builder) {
        return builder.inlineProjection(false);
    }
}

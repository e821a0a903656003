package io.msgsvc.jdbc;

import io.msgsvc.MsgsvcBuilder;

/** The seed scenario with every event going through the outbox and the relay, as split deployments run. */
class PostgresOutboxSeedScenarioTest extends PostgresSeedScenarioTest {
    @Override
    protected MsgsvcBuilder configure(MsgsvcBuilder builder) {
        return builder.inlineProjection(false);
    }
}

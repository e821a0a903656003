package io.msgsvc.spring.boot;

import io.msgsvc.Msgsvc;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.spi.Storage;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code msgsvc} in the health endpoint: up while the engine runs and its storage answers a query (the billing totals
 * of one customer id: one indexed read), down once the engine stops or the query fails.
 */
public class MsgsvcHealthIndicator extends AbstractHealthIndicator {
    /** Whose totals are read: only the query matters, not its answer. */
    static final String PROBE_CUSTOMER = "msgsvc-health-probe";

    private final Msgsvc msgsvc;
    private final Storage storage;

    public MsgsvcHealthIndicator(Msgsvc msgsvc, Storage storage) {
        super("msgsvc health check failed");
        this.msgsvc = Objects.requireNonNull(msgsvc, "msgsvc");
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.withDetail("node", msgsvc.nodeId());
        if (storage instanceof JdbcStorage jdbc) {
            health.withDetail("database", jdbc.dialect());
        }
        if (!msgsvc.isRunning()) {
            health.down().withDetail("engine", "stopped");
            return;
        }
        health.withDetail("engine", "running");
        msgsvc.billing(PROBE_CUSTOMER); // throws when the storage cannot be reached: down, with the exception
        health.up();
    }
}

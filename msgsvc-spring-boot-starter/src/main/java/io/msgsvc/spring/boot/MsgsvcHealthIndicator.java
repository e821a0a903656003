package io.msgsvc.spring.boot;

import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcHealth;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.spi.DispatchBacklog;
import io.msgsvc.spi.Storage;
import io.msgsvc.spi.TransportHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code msgsvc} in the health endpoint, from {@link Msgsvc#health()}: up while the engine runs and its storage
 * answers, down once the engine stops or the storage does not answer; for readiness, include it in the group
 * ({@code management.endpoint.health.group.readiness.include=readinessState,msgsvc}). The details show the dispatch
 * backlog (due reservations no sender holds, and how long the earliest has waited), the leases live and expired
 * (with the nodes holding them: an expired lease's node has most likely stopped) and the events not yet relayed. A
 * backlog leaves the status as it is: it is the same on every node, and a readiness check that failed on it would
 * take every node out of service at once; alert on the {@code msgsvc.dispatch.oldest.due.age} gauge instead. A
 * broker that does not answer (the event transport's, say Kafka) leaves the status up for the same reason: the node
 * still sends, its events wait in the outbox; the {@code transport} detail says {@code degraded}, with the problem
 * and since when, and the top-level {@code degraded} detail is true.
 */
public class MsgsvcHealthIndicator extends AbstractHealthIndicator {
    private final Msgsvc msgsvc;
    private final Storage storage;

    /**
     * @param msgsvc  the engine whose health is reported
     * @param storage its storage
     */
    public MsgsvcHealthIndicator(Msgsvc msgsvc, Storage storage) {
        super("msgsvc health check failed");
        this.msgsvc = Objects.requireNonNull(msgsvc, "msgsvc");
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        MsgsvcHealth now = msgsvc.health();
        health.withDetail("node", now.nodeId());
        if (storage instanceof JdbcStorage jdbc) {
            health.withDetail("database", jdbc.dialect());
        }
        health.withDetail("engine", now.running() ? "running" : "stopped");
        health.withDetail("transport", transport(now.transport()));
        health.withDetail("degraded", now.degraded());
        if (!now.storageReachable()) {
            health.down().withDetail("storage", "unreachable").withDetail("error", now.storageFailure());
            return;
        }
        health.withDetail("storage", "reachable");
        DispatchBacklog dispatch = now.dispatch();
        Map<String, Object> backlog = new LinkedHashMap<>();
        backlog.put("waiting", dispatch.waiting());
        backlog.put("oldestDueAge", now.oldestDueAge().toString());
        backlog.put("liveLeases", dispatch.liveLeases());
        backlog.put("liveLeaseOwners", dispatch.liveLeaseOwners());
        backlog.put("expiredLeases", dispatch.expiredLeases());
        backlog.put("expiredLeaseOwners", dispatch.expiredLeaseOwners());
        health.withDetail("dispatch", backlog);
        health.withDetail(
                "outbox",
                Map.of(
                        "unpublished", now.outbox().unpublished(),
                        "oldestAge", now.oldestUnpublishedAge().toString()));
        if (now.running()) {
            health.up();
        } else {
            health.down();
        }
    }

    private static Map<String, Object> transport(TransportHealth transport) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (transport == null) {
            details.put("status", "reachable");
            return details;
        }
        details.put("name", transport.transport());
        details.put("status", transport.reachable() ? "reachable" : "degraded");
        if (transport.since() != null) {
            details.put("since", transport.since().toString());
        }
        if (!transport.reachable()) {
            details.put("problem", transport.problem());
        }
        return details;
    }
}

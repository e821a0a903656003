package io.msgsvc;

import io.msgsvc.spi.DispatchBacklog;
import io.msgsvc.spi.OutboxBacklog;
import io.msgsvc.spi.TransportHealth;
import java.time.Duration;
import java.time.Instant;

/**
 * One look at an engine and its storage, for readiness checks and gauges ({@link Msgsvc#health()}). The backlog
 * figures are the storage's, the same whichever node asks: a dashboard takes their maximum over nodes, not their sum.
 *
 * @param nodeId         the engine's node id
 * @param running        the engine has started and not begun to close
 * @param checkedAt      when, by the engine's clock
 * @param storageFailure why the storage did not answer (the exception, as text); null when it answered
 * @param dispatch       due reservations waiting for a sender and the leases on due reservations; null when the
 *                       storage did not answer
 * @param outbox         events not yet relayed; null when the storage did not answer
 * @param transport      whether the broker of the event transport answers, as the transport last saw it (a
 *                       transport without a broker answers reachable); never read from the storage
 */
public record MsgsvcHealth(
        String nodeId,
        boolean running,
        Instant checkedAt,
        String storageFailure,
        DispatchBacklog dispatch,
        OutboxBacklog outbox,
        TransportHealth transport) {

    /** The most reservations, and outbox events, one look counts: enough to tell a backlog, cheap to read. */
    public static final int COUNT_LIMIT = 10_000;

    /**
     * Whether the storage answered.
     *
     * @return true when it did
     */
    public boolean storageReachable() {
        return storageFailure == null;
    }

    /**
     * Whether this engine can do its work: it runs and its storage answers. A backlog does not make it unhealthy
     * here: it is the same on every node, so it says nothing about this one.
     *
     * @return running and the storage reachable
     */
    public boolean healthy() {
        return running && storageReachable();
    }

    /**
     * Whether the broker of the event transport answered its last look.
     *
     * @return true when it did, or when the transport has no broker
     */
    public boolean transportReachable() {
        return transport == null || transport.reachable();
    }

    /**
     * Whether this engine works but its transport's broker does not answer: it keeps sending, events wait in the
     * outbox, and projections catch up once the broker is back. Degraded is still {@link #healthy()}: a readiness
     * check that failed on it would take every node out of service for an outage that none of them can mend.
     *
     * @return healthy, and the transport unreachable
     */
    public boolean degraded() {
        return healthy() && !transportReachable();
    }

    /**
     * How long the earliest due reservation that no sender holds has waited.
     *
     * @return zero when none waits or the storage did not answer
     */
    public Duration oldestDueAge() {
        return dispatch == null ? Duration.ZERO : dispatch.oldestDueAge();
    }

    /**
     * How long the oldest event not yet relayed has waited.
     *
     * @return zero when none waits or the storage did not answer
     */
    public Duration oldestUnpublishedAge() {
        return outbox == null ? Duration.ZERO : outbox.oldestAge(checkedAt);
    }
}

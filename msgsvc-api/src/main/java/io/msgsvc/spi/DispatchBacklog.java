package io.msgsvc.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How the dispatch queue stands at one moment, for health checks and gauges: the due reservations that wait for a
 * sender, and the leases on due reservations, live or expired. The figures are the store's, the same on every node.
 * Counts stop at the limit they were asked with, so a large backlog costs no more to measure than a small one.
 *
 * @param waiting            due reservations, not paused, that no live lease holds: they wait to be claimed (up to
 *                           the limit; the limit itself means that many or more)
 * @param oldestDueAt        the earliest due time among them; null when none waits
 * @param liveLeases         due reservations under a lease that has not run out: being sent
 * @param expiredLeases      due reservations whose lease ran out without being released: their holder died or hangs,
 *                           and another node takes them over at its next claim
 * @param liveLeaseOwners    the nodes holding live leases, sorted
 * @param expiredLeaseOwners the nodes whose leases ran out, sorted; a node in this list and not in the live one has
 *                           most likely stopped
 * @param measuredAt         the store's now (the database clock, unless the store keeps the engine's)
 */
public record DispatchBacklog(
        int waiting,
        Instant oldestDueAt,
        int liveLeases,
        int expiredLeases,
        List<String> liveLeaseOwners,
        List<String> expiredLeaseOwners,
        Instant measuredAt) {

    /**
     * @param waiting            due reservations waiting to be claimed, up to the limit
     * @param oldestDueAt        the earliest due time among them, or null
     * @param liveLeases         due reservations under a live lease
     * @param expiredLeases      due reservations under an expired lease
     * @param liveLeaseOwners    the nodes holding live leases; copied, sorted
     * @param expiredLeaseOwners the nodes whose leases ran out; copied, sorted
     * @param measuredAt         the store's now, not null
     */
    public DispatchBacklog {
        liveLeaseOwners = liveLeaseOwners.stream().sorted().distinct().toList();
        expiredLeaseOwners = expiredLeaseOwners.stream().sorted().distinct().toList();
        if (measuredAt == null) {
            throw new NullPointerException("measuredAt");
        }
    }

    /**
     * How long the earliest waiting reservation has been due.
     *
     * @return from its due time to {@link #measuredAt()}; zero when none waits
     */
    public Duration oldestDueAge() {
        if (oldestDueAt == null || oldestDueAt.isAfter(measuredAt)) {
            return Duration.ZERO;
        }
        return Duration.between(oldestDueAt, measuredAt);
    }
}

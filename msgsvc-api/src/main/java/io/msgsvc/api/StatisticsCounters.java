package io.msgsvc.api;

/**
 * Counts of results.
 *
 * @param reservations reservations registered
 * @param sent         deliveries sent
 * @param failed       deliveries failed
 * @param rejected     deliveries not sent because the content policy rejected their reservation
 * @param cancelled    deliveries not sent because their reservation was cancelled
 */
public record StatisticsCounters(long reservations, long sent, long failed, long rejected, long cancelled) {
    public static final StatisticsCounters ZERO = new StatisticsCounters(0, 0, 0, 0, 0);

    public StatisticsCounters plus(StatisticsCounters o) {
        return new StatisticsCounters(
                reservations + o.reservations,
                sent + o.sent,
                failed + o.failed,
                rejected + o.rejected,
                cancelled + o.cancelled);
    }

    /** Deliveries with a send result (sent or failed). */
    public long results() {
        return sent + failed;
    }
}

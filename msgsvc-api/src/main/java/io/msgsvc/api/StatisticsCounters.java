package io.msgsvc.api;

/**
 * Counts of results, each counted when it is recorded: a send result when the channel answered, a delivery report
 * when it came. At the end every delivery is in exactly one of sent, failed, rejected, cancelled, delivered,
 * undelivered, expired, unknown, skipped and expired unsent; submitted counts the sends whose report was (or is)
 * awaited.
 *
 * @param reservations reservations registered
 * @param sent         deliveries sent, through a channel that does not report delivery
 * @param failed       deliveries failed
 * @param rejected     deliveries not sent because the content policy rejected their reservation
 * @param cancelled    deliveries not sent because their reservation was cancelled
 * @param submitted    deliveries a reporting channel accepted, awaiting their report
 * @param delivered    deliveries reported delivered
 * @param undelivered  deliveries reported not delivered (or refused by the carrier)
 * @param expired      deliveries reported expired
 * @param unknown      deliveries with no final report within the result timeout; a late report moves them on
 * @param skipped      deliveries not sent because their recipient had opted out when their turn came
 * @param expiredUnsent deliveries not sent because their reservation expired before their turn came
 */
public record StatisticsCounters(
        long reservations,
        long sent,
        long failed,
        long rejected,
        long cancelled,
        long submitted,
        long delivered,
        long undelivered,
        long expired,
        long unknown,
        long skipped,
        long expiredUnsent) {
    /** Nothing counted. */
    public static final StatisticsCounters ZERO = new StatisticsCounters(0, 0, 0, 0, 0);

    /**
     * Counters of a channel without delivery reports.
     *
     * @param reservations reservations registered
     * @param sent         deliveries sent
     * @param failed       deliveries failed
     * @param rejected     deliveries not sent because the content policy rejected their reservation
     * @param cancelled    deliveries not sent because their reservation was cancelled
     */
    public StatisticsCounters(long reservations, long sent, long failed, long rejected, long cancelled) {
        this(reservations, sent, failed, rejected, cancelled, 0, 0, 0, 0, 0);
    }

    /**
     * Counters without deliveries skipped or expired unsent.
     *
     * @param reservations reservations registered
     * @param sent         deliveries sent, through a channel that does not report delivery
     * @param failed       deliveries failed
     * @param rejected     deliveries not sent because the content policy rejected their reservation
     * @param cancelled    deliveries not sent because their reservation was cancelled
     * @param submitted    deliveries a reporting channel accepted, awaiting their report
     * @param delivered    deliveries reported delivered
     * @param undelivered  deliveries reported not delivered (or refused by the carrier)
     * @param expired      deliveries reported expired
     * @param unknown      deliveries with no final report within the result timeout
     */
    public StatisticsCounters(
            long reservations,
            long sent,
            long failed,
            long rejected,
            long cancelled,
            long submitted,
            long delivered,
            long undelivered,
            long expired,
            long unknown) {
        this(
                reservations,
                sent,
                failed,
                rejected,
                cancelled,
                submitted,
                delivered,
                undelivered,
                expired,
                unknown,
                0,
                0);
    }

    /**
     * One more delivery in {@code state}.
     *
     * @param state any state but pending
     * @return counters with 1 in that state's count, 0 elsewhere
     * @throws IllegalArgumentException for {@link DeliveryState#PENDING}, which is not counted
     */
    public static StatisticsCounters one(DeliveryState state) {
        return ZERO.plus(state, 1);
    }

    /**
     * These counters with {@code n} more (or fewer) deliveries in {@code state}.
     *
     * @param state any state but pending
     * @param n     how many more; negative for fewer
     * @return new counters; these are unchanged
     * @throws IllegalArgumentException for {@link DeliveryState#PENDING}, which is not counted
     */
    public StatisticsCounters plus(DeliveryState state, long n) {
        return plus(
                switch (state) {
                    case SENT -> new StatisticsCounters(0, n, 0, 0, 0);
                    case FAILED -> new StatisticsCounters(0, 0, n, 0, 0);
                    case CANCELLED -> new StatisticsCounters(0, 0, 0, 0, n);
                    case SUBMITTED -> new StatisticsCounters(0, 0, 0, 0, 0, n, 0, 0, 0, 0);
                    case DELIVERED -> new StatisticsCounters(0, 0, 0, 0, 0, 0, n, 0, 0, 0);
                    case UNDELIVERED -> new StatisticsCounters(0, 0, 0, 0, 0, 0, 0, n, 0, 0);
                    case EXPIRED -> new StatisticsCounters(0, 0, 0, 0, 0, 0, 0, 0, n, 0);
                    case UNKNOWN -> new StatisticsCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, n);
                    case SKIPPED -> new StatisticsCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, n, 0);
                    case EXPIRED_UNSENT -> new StatisticsCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, n);
                    case PENDING -> throw new IllegalArgumentException("pending deliveries are not counted");
                });
    }

    /**
     * @param o counters to add, not null
     * @return the sum, count by count; these are unchanged
     */
    public StatisticsCounters plus(StatisticsCounters o) {
        return new StatisticsCounters(
                reservations + o.reservations,
                sent + o.sent,
                failed + o.failed,
                rejected + o.rejected,
                cancelled + o.cancelled,
                submitted + o.submitted,
                delivered + o.delivered,
                undelivered + o.undelivered,
                expired + o.expired,
                unknown + o.unknown,
                skipped + o.skipped,
                expiredUnsent + o.expiredUnsent);
    }

    /**
     * Results received: send results that are final (sent, failed) and final delivery reports or their absence.
     * Deliveries skipped or expired unsent never reached a channel, so they are not results.
     *
     * @return sent, failed, delivered, undelivered, expired and unknown, added up
     */
    public long results() {
        return sent + failed + delivered + undelivered + expired + unknown;
    }
}

package io.msgsvc.spi;

/**
 * Counts of a reservation's deliveries at the moment it is closed.
 *
 * @param total     every delivery
 * @param sent      those the channel accepted, whatever their reports say
 * @param failed    those failed
 * @param cancelled those cancelled, the ones this close cancelled included
 * @param expired   those that expired unsent, the ones this close expired included
 */
public record CloseSummary(int total, int sent, int failed, int cancelled, int expired) {
    /**
     * A close without expired deliveries.
     *
     * @param total     every delivery
     * @param sent      those the channel accepted
     * @param failed    those failed
     * @param cancelled those cancelled
     */
    public CloseSummary(int total, int sent, int failed, int cancelled) {
        this(total, sent, failed, cancelled, 0);
    }
}

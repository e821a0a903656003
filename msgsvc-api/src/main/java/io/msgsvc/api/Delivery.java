package io.msgsvc.api;

import java.time.Instant;

/**
 * One recipient of a reservation and what became of it.
 *
 * @param id                its identity: the reservation and the recipient's position
 * @param recipient         the recipient, as registered
 * @param state             what became of it so far
 * @param attempts          channel calls made so far
 * @param detail            provider reference when sent, the last error otherwise, the report's code and words
 *                          once reported (may be null)
 * @param completedAt       when the channel answered for good (null while pending)
 * @param providerReference the provider's reference, for a channel that reports delivery (may be null)
 * @param reportStatus      the last delivery report's status, final or intermediate (null before any)
 * @param reportedAt        when the provider says that report happened (null before any)
 */
public record Delivery(
        DeliveryId id,
        String recipient,
        DeliveryState state,
        int attempts,
        String detail,
        Instant completedAt,
        String providerReference,
        ReportStatus reportStatus,
        Instant reportedAt) {

    /**
     * A delivery no report has touched.
     *
     * @param id          its identity
     * @param recipient   the recipient
     * @param state       what became of it so far
     * @param attempts    channel calls made so far
     * @param detail      provider reference when sent, the last error otherwise (may be null)
     * @param completedAt when the channel answered for good (null while pending)
     */
    public Delivery(
            DeliveryId id, String recipient, DeliveryState state, int attempts, String detail, Instant completedAt) {
        this(id, recipient, state, attempts, detail, completedAt, null, null, null);
    }

    /** @return the recipient's position in the reservation's list, from 0 */
    public int sequence() {
        return id.sequence();
    }
}

package io.msgsvc.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * @param variables         the values of the text's placeholders for this recipient ({@link Recipient}), or null
 *                          when its reservation's text is sent as written (no placeholder, no variables); unmodifiable
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
        Instant reportedAt,
        Map<String, String> variables) {

    /**
     * @param id                its identity
     * @param recipient         the recipient
     * @param state             what became of it so far
     * @param attempts          channel calls made so far
     * @param detail            provider reference when sent, the last error otherwise (may be null)
     * @param completedAt       when the channel answered for good (null while pending)
     * @param providerReference the provider's reference (may be null)
     * @param reportStatus      the last delivery report's status (null before any)
     * @param reportedAt        when the provider says that report happened (null before any)
     * @param variables         its variables, or null when its text is sent as written; copied
     */
    public Delivery {
        variables = variables == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * A delivery whose text is sent as written.
     *
     * @param id                its identity
     * @param recipient         the recipient
     * @param state             what became of it so far
     * @param attempts          channel calls made so far
     * @param detail            provider reference when sent, the last error otherwise (may be null)
     * @param completedAt       when the channel answered for good (null while pending)
     * @param providerReference the provider's reference (may be null)
     * @param reportStatus      the last delivery report's status (null before any)
     * @param reportedAt        when the provider says that report happened (null before any)
     */
    public Delivery(
            DeliveryId id,
            String recipient,
            DeliveryState state,
            int attempts,
            String detail,
            Instant completedAt,
            String providerReference,
            ReportStatus reportStatus,
            Instant reportedAt) {
        this(id, recipient, state, attempts, detail, completedAt, providerReference, reportStatus, reportedAt, null);
    }

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
        this(id, recipient, state, attempts, detail, completedAt, null, null, null, null);
    }

    /** @return the recipient's position in the reservation's list, from 0 */
    public int sequence() {
        return id.sequence();
    }
}

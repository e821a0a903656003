package io.msgsvc.api;

/**
 * The state of one recipient's delivery. Every delivery ends in exactly one final ({@link #isTerminal() terminal})
 * state, and a final state is never left except by a late report correcting {@link #UNKNOWN}. Stored by ordinal:
 * new states go at the end.
 */
public enum DeliveryState {
    /** Not sent yet: waiting for its turn, or for a retry after a transient failure. */
    PENDING,
    /** The channel accepted it, and the channel does not report delivery: final. Billed once. */
    SENT,
    /** Permanently failed, or transiently failed until the retry limit; never billed. */
    FAILED,
    /** Not sent because the reservation was cancelled or rejected. */
    CANCELLED,
    /** A reporting channel accepted it; its delivery report is awaited. */
    SUBMITTED,
    /** The delivery report says it reached the recipient. */
    DELIVERED,
    /** The delivery report says it did not reach the recipient (the carrier refused or lost it). */
    UNDELIVERED,
    /** The delivery report says its validity ran out before it could be delivered. */
    EXPIRED,
    /** No final report came within the result timeout; a report that comes later corrects it. */
    UNKNOWN,
    /** Not sent because its recipient is on an opt-out (suppression) list when its turn came; never billed. */
    SKIPPED,
    /** Not sent because the reservation's expiry passed before its turn came; never billed. */
    EXPIRED_UNSENT;

    /**
     * A final state: nothing more is sent or awaited.
     *
     * @return true unless pending or submitted
     */
    public boolean isTerminal() {
        return this != PENDING && this != SUBMITTED;
    }

    /**
     * The channel has answered the send (accepted, or failed for good), possibly awaiting a report.
     *
     * @return true unless pending
     */
    public boolean hasSendResult() {
        return this != PENDING;
    }

    /**
     * The channel accepted the message: it may have reached the recipient, whatever came after.
     *
     * @return true for sent, submitted and every reported state
     */
    public boolean wasAccepted() {
        return this == SENT || this == SUBMITTED || isReported();
    }

    /**
     * A final state a delivery report (or its absence) decided.
     *
     * @return true for delivered, undelivered, expired and unknown
     */
    public boolean isReported() {
        return this == DELIVERED || this == UNDELIVERED || this == EXPIRED || this == UNKNOWN;
    }
}

package io.msgsvc.api;

/** Where a reservation stands, as customers see it. */
public enum ReservationStatus {
    /** Stored, waiting for its send time. */
    SCHEDULED,
    /** Sending to its recipients. */
    DISPATCHING,
    /**
     * The customer paused it: nothing more is sent until it is resumed (a send in flight when it was paused still
     * ends and counts).
     */
    PAUSED,
    /** Every recipient has its send result; the delivery reports of some are still awaited. */
    AWAITING_RESULTS,
    /** Every recipient was sent (and, where reports come, delivered). */
    COMPLETED,
    /** Some recipients were sent (delivered), some failed (or were not delivered). */
    PARTIALLY_FAILED,
    /** No recipient could be sent (or none was delivered). */
    FAILED,
    /** The content policy refused the message; the reservation was compensated, nothing sent or billed. */
    REJECTED,
    /** The customer cancelled it; recipients not yet sent were not sent. */
    CANCELLED,
    /** Its expiry came first: recipients not yet sent then were not sent (sends in flight then still counted). */
    EXPIRED;

    /** @return true once it ended: completed, partially failed, failed, rejected, cancelled or expired */
    public boolean isTerminal() {
        return this != SCHEDULED && this != DISPATCHING && this != PAUSED && this != AWAITING_RESULTS;
    }
}

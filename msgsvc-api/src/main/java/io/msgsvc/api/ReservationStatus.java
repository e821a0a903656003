package io.msgsvc.api;

/** Where a reservation stands, as customers see it. */
public enum ReservationStatus {
    /** Stored, waiting for its send time. */
    SCHEDULED,
    /** Sending to its recipients. */
    DISPATCHING,
    /** Every recipient was sent. */
    COMPLETED,
    /** Some recipients were sent, some failed. */
    PARTIALLY_FAILED,
    /** No recipient could be sent. */
    FAILED,
    /** The content policy refused the message; the reservation was compensated, nothing sent or billed. */
    REJECTED,
    /** The customer cancelled it; recipients not yet sent were not sent. */
    CANCELLED;

    public boolean isTerminal() {
        return this != SCHEDULED && this != DISPATCHING;
    }
}

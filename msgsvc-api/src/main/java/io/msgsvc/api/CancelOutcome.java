package io.msgsvc.api;

/** What {@code cancel} did. */
public enum CancelOutcome {
    /** Nothing was being sent: the reservation is cancelled now. */
    CANCELLED,
    /** A node is sending it: it stops before the next recipient (the one in flight finishes and counts). */
    CANCEL_REQUESTED
}

package io.msgsvc.api;

/** The state of one recipient's delivery. Every delivery ends in exactly one terminal state. */
public enum DeliveryState {
    PENDING,
    /** The channel accepted it; billed once. */
    SENT,
    /** Permanently failed, or transiently failed until the retry limit; never billed. */
    FAILED,
    /** Not sent because the reservation was cancelled or rejected. */
    CANCELLED;

    public boolean isTerminal() {
        return this != PENDING;
    }
}

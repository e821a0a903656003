package io.msgsvc.api;

/** What {@code pause} did. */
public enum PauseOutcome {
    /** Nothing was being sent: it is paused now and will not be claimed until resumed. */
    PAUSED,
    /** A node is sending it: it stops before the next recipient (the sends in flight finish and count). */
    PAUSE_REQUESTED,
    /** It was paused already: nothing changed. */
    ALREADY_PAUSED
}

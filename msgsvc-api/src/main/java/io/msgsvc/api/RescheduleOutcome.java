package io.msgsvc.api;

/** What {@code reschedule} did. */
public enum RescheduleOutcome {
    /** The send time is the new one (a paused reservation stays paused until resumed). */
    RESCHEDULED,
    /** It had that send time already: nothing changed. */
    UNCHANGED
}

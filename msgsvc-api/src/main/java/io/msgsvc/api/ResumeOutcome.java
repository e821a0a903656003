package io.msgsvc.api;

/** What {@code resume} did. */
public enum ResumeOutcome {
    /** It is due again: at its send time if that is still ahead, else now; sending goes on at the first unsent. */
    RESUMED,
    /** It was not paused: nothing changed. */
    NOT_PAUSED
}

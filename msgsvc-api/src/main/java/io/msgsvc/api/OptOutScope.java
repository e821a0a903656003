package io.msgsvc.api;

/** Which messages an opt-out stops: advertising only, or every message. */
public enum OptOutScope {
    /** The recipient refuses advertising: informational messages still reach them. */
    ADVERTISING,
    /** The recipient refuses every message. */
    ALL;

    /**
     * Whether a message of {@code kind} is stopped by an opt-out of this scope.
     *
     * @param kind the message's kind, not null
     * @return true for every kind under {@link #ALL}, for advertising only under {@link #ADVERTISING}
     */
    public boolean covers(MessageKind kind) {
        return this == ALL || kind == MessageKind.ADVERTISING;
    }
}

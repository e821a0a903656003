package io.msgsvc.api;

/**
 * What a message is for, as the law and opt-out lists see it: advertising is held to stricter rules (send-time
 * windows such as Korea's 21:00-08:00 ban, advertising-only opt-outs) than informational messages.
 */
public enum MessageKind {
    /** A transactional or informational message (the default): only opt-outs of every kind apply to it. */
    INFORMATIONAL,
    /** An advertisement: advertising windows and advertising opt-outs apply to it as well. */
    ADVERTISING
}

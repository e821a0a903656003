package io.msgsvc.api;

/** What a {@link MessageSizer} does with a text longer than one SMS. A text is never truncated. */
public enum OverLength {
    /** Over one SMS is a violation: the reservation is rejected and compensated (the default). */
    REJECT,
    /** Sent as a long message ({@link MessageType#LMS}) where the sizer has one; over its limit still a violation. */
    UPGRADE,
    /** Sent as several SMS segments: {@link MessageSize#units()} counts them. */
    SPLIT
}

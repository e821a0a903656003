package io.msgsvc.api;

/**
 * The host's way out to recipients: an SMS gateway, e-mail, push. Called outside any database transaction. The
 * sends of one reservation are called in list order, one at a time, each after the answer to the one before (see
 * {@link #window()} to let them overlap, and {@link AsyncMessageChannel} for a client that answers later, which the
 * engine keeps a window of sends in flight with); different reservations are sent concurrently.
 *
 * <p>An exception thrown here, or a call that outlasts the configured timeout, counts as a transient failure.
 * A send may be repeated after a crash: use {@link OutboundMessage#idempotencyKey()} with the provider.
 */
@FunctionalInterface
public interface MessageChannel {

    /**
     * Hands one message to the provider. Sends of different reservations, and of one reservation with a
     * {@link #window()} above 1, come from several threads at once: an implementation must be thread-safe.
     *
     * @param message the recipient, the text and the idempotency key to pass to the provider
     * @return the provider's answer; null counts as a transient failure
     * @throws Exception any failure, counted as a transient one: the send is retried with backoff
     */
    SendOutcome send(OutboundMessage message) throws Exception;

    /**
     * Whether the provider reports delivery later (SMPP delivery receipts, a status webhook). If so, an accepted send
     * is {@link DeliveryState#SUBMITTED} until its report (given to {@code Msgsvc.reportDelivery}) or the result
     * timeout ends it; if not (the default), an accepted send is final: {@link DeliveryState#SENT}.
     *
     * @return true if delivery reports follow an accepted send
     */
    default boolean reportsDelivery() {
        return false;
    }

    /**
     * How many sends of one reservation may be in flight at once through this channel; 1 (the default for this
     * blocking form) calls one at a time, so the calls enter this method strictly in list order. More lets slow calls
     * overlap: while calls take longer than a thread hand-off, the engine hands them, in list order, to threads of its
     * own, up to this many at once, and their entry into this method may then interleave by microseconds. 0 takes the
     * engine's {@code sendWindow}.
     *
     * @return sends of one reservation in flight at once, or 0 for the engine's {@code sendWindow}
     */
    default int window() {
        return 1;
    }

    /**
     * Length of a text in this channel's own units (SMS segments, bytes...); the content policy limits it.
     *
     * @param text a message's text, not null
     * @return its length; the default counts code points
     */
    default int length(String text) {
        return text.codePointCount(0, text.length());
    }
}

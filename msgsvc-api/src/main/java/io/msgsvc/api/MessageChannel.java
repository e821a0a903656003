package io.msgsvc.api;

/**
 * The host's way out to recipients: an SMS gateway, e-mail, push. Called outside any database transaction, one
 * delivery at a time per reservation, possibly concurrently for different reservations.
 *
 * <p>An exception thrown here, or a call that outlasts the configured timeout, counts as a transient failure.
 * A send may be repeated after a crash: use {@link OutboundMessage#idempotencyKey()} with the provider.
 */
@FunctionalInterface
public interface MessageChannel {

    SendOutcome send(OutboundMessage message) throws Exception;

    /**
     * Whether the provider reports delivery later (SMPP delivery receipts, a status webhook). If so, an accepted send
     * is {@link DeliveryState#SUBMITTED} until its report (given to {@code Msgsvc.reportDelivery}) or the result
     * timeout ends it; if not (the default), an accepted send is final: {@link DeliveryState#SENT}.
     */
    default boolean reportsDelivery() {
        return false;
    }

    /** Length of a text in this channel's own units (SMS segments, bytes...); the content policy limits it. */
    default int length(String text) {
        return text.codePointCount(0, text.length());
    }
}

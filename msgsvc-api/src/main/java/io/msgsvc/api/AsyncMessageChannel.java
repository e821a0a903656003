package io.msgsvc.api;

import java.util.concurrent.CompletionStage;

/**
 * A channel whose client answers later (an SMPP session, a non-blocking HTTP client): the engine issues a reservation's
 * sends in list order by calling {@link #sendAsync} on one thread, keeps up to {@link #window()} unanswered, and takes each answer as
 * it completes, with no thread waiting per call. {@code sendAsync} must return without waiting for the provider; a
 * stage that fails or does not complete within the channel timeout counts as a transient failure.
 */
@FunctionalInterface
public interface AsyncMessageChannel extends MessageChannel {

    /**
     * Hands one message to the client and returns at once. Called on one thread per reservation, but on several for
     * different reservations at once: an implementation must be thread-safe.
     *
     * @param message the recipient, the text and the idempotency key to pass to the provider
     * @return completes with the provider's answer (null counts as a transient failure), or fails for a transient
     *     failure; must not be null
     */
    CompletionStage<SendOutcome> sendAsync(OutboundMessage message);

    /**
     * Sends of one reservation in flight at once (an SMPP session's window, a gateway's concurrent requests); 0 (the
     * default) takes the engine's {@code sendWindow}. {@link #sendAsync} is called in list order either way.
     */
    @Override
    default int window() {
        return 0;
    }

    /** Waits for the answer: for callers outside the engine, which never calls this on an asynchronous channel. */
    @Override
    default SendOutcome send(OutboundMessage message) throws Exception {
        return sendAsync(message).toCompletableFuture().get();
    }
}

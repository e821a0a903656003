package io.msgsvc.api;

import java.time.Duration;
import java.util.Objects;

/** A channel's answer to one send. */
public sealed interface SendOutcome {

    /** The longest provider reference a store keeps and a report can name. */
    int MAX_REFERENCE_LENGTH = 200;

    /**
     * The provider took the message: the delivery is sent and billed.
     *
     * @param providerReference the provider's id for the message (may be null), at most
     *                          {@value #MAX_REFERENCE_LENGTH} characters: delivery reports may name the delivery by it
     */
    record Accepted(String providerReference) implements SendOutcome {
        /**
         * @param providerReference the provider's id for the message, or null
         * @throws IllegalArgumentException if {@code providerReference} is longer than
         *                                  {@value SendOutcome#MAX_REFERENCE_LENGTH} characters
         */
        public Accepted {
            if (providerReference != null && providerReference.length() > MAX_REFERENCE_LENGTH) {
                throw new IllegalArgumentException("providerReference is longer than " + MAX_REFERENCE_LENGTH
                        + " characters: " + providerReference.substring(0, 40) + "...");
            }
        }
    }

    /**
     * The provider will never take it (bad number, blocked recipient): failed, not retried, not billed.
     *
     * @param reason why, kept as the delivery's detail; not null
     */
    record PermanentFailure(String reason) implements SendOutcome {
        /**
         * @param reason why, kept as the delivery's detail
         * @throws NullPointerException if {@code reason} is null
         */
        public PermanentFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The provider asks to slow down (throttled, over its rate, window full): the reservation waits
     * {@code retryAfter} and the send goes again, without using up one of its attempts. With {@code wholeChannel}
     * (an account-wide limit) every reservation waits: none is sent through this channel until then, on this
     * node, and on every node when the engine has a channel speed (its shared bucket is held back).
     *
     * @param retryAfter   how long to wait before sending again; not null, not negative
     * @param wholeChannel every reservation waits, not only this one
     */
    record Throttled(Duration retryAfter, boolean wholeChannel) implements SendOutcome {
        /**
         * @param retryAfter   how long to wait before sending again
         * @param wholeChannel every reservation waits, not only this one
         * @throws NullPointerException     if {@code retryAfter} is null
         * @throws IllegalArgumentException if {@code retryAfter} is negative
         */
        public Throttled {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
            }
        }

        /**
         * Only this reservation waits.
         *
         * @param retryAfter how long to wait before sending again; not null, not negative
         */
        public Throttled(Duration retryAfter) {
            this(retryAfter, false);
        }
    }

    /**
     * Try again later (gateway down, timed out): retried with backoff up to the retry limit.
     *
     * @param reason why, kept as the delivery's last error; not null
     */
    record TransientFailure(String reason) implements SendOutcome {
        /**
         * @param reason why, kept as the delivery's last error
         * @throws NullPointerException if {@code reason} is null
         */
        public TransientFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * See {@link Accepted}.
     *
     * @param providerReference the provider's id for the message, or null; at most
     *                          {@value #MAX_REFERENCE_LENGTH} characters
     * @return the outcome
     * @throws IllegalArgumentException if {@code providerReference} is longer
     */
    static SendOutcome accepted(String providerReference) {
        return new Accepted(providerReference);
    }

    /**
     * See {@link PermanentFailure}.
     *
     * @param reason why, not null
     * @return the outcome
     */
    static SendOutcome permanentFailure(String reason) {
        return new PermanentFailure(reason);
    }

    /**
     * See {@link TransientFailure}.
     *
     * @param reason why, not null
     * @return the outcome
     */
    static SendOutcome transientFailure(String reason) {
        return new TransientFailure(reason);
    }

    /**
     * Only this reservation must wait: see {@link Throttled}.
     *
     * @param retryAfter how long, not null, not negative
     * @return the outcome
     */
    static SendOutcome throttled(Duration retryAfter) {
        return new Throttled(retryAfter);
    }

    /**
     * The whole channel must wait: see {@link Throttled}.
     *
     * @param retryAfter how long, not null, not negative
     * @return the outcome
     */
    static SendOutcome channelThrottled(Duration retryAfter) {
        return new Throttled(retryAfter, true);
    }
}

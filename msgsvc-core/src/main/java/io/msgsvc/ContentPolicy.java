package io.msgsvc;

import io.msgsvc.api.MessageChannel;
import java.util.Optional;

/**
 * Limits a message's length, measured in the channel's own units ({@link MessageChannel#length}).
 *
 * <p>By default a message over the limit is accepted at registration and rejected when its dispatch starts: the
 * reservation is compensated (nothing sent or billed, status {@code REJECTED}). {@link #failFast()} refuses it at
 * registration instead.
 */
public record ContentPolicy(int maxLength, boolean enforcedAtRegistration) {

    public ContentPolicy {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
        }
    }

    /** No limit. */
    public static ContentPolicy unlimited() {
        return new ContentPolicy(Integer.MAX_VALUE, false);
    }

    /** Messages longer than {@code maxLength} are rejected when dispatch starts (and compensated). */
    public static ContentPolicy maxLength(int maxLength) {
        return new ContentPolicy(maxLength, false);
    }

    /** The same limit, enforced at registration with an {@link io.msgsvc.api.InvalidRequestException}. */
    public ContentPolicy failFast() {
        return new ContentPolicy(maxLength, true);
    }

    /** Why the text breaks the policy, or empty when it does not. */
    public Optional<String> violation(String text, MessageChannel channel) {
        int length = channel.length(text);
        return length > maxLength
                ? Optional.of("message length " + length + " exceeds the limit of " + maxLength)
                : Optional.empty();
    }
}

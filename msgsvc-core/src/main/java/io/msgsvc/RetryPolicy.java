package io.msgsvc;

import java.time.Duration;
import java.util.Objects;

/**
 * How transient channel failures are retried: exponential backoff, then a final failure after
 * {@code maxAttempts} calls. While one recipient waits for its retry, later recipients of the same reservation wait
 * too, so list order holds.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be >= 1.0, was " + multiplier);
        }
    }

    /** 5 attempts, waiting 1 s, 2 s, 4 s, 8 s between them. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));
    }

    /** Fail on the first transient failure. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);
    }

    public static RetryPolicy exponential(
            int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff);
    }

    /** The wait after the given failed attempt (1-based). */
    public Duration backoffAfter(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }

    /** A throttled send's wait as the provider asked, kept from hammering it (none) and from parking for days. */
    static Duration throttledWait(Duration retryAfter) {
        Duration least = Duration.ofMillis(100);
        Duration most = Duration.ofDays(1);
        return retryAfter.compareTo(least) < 0 ? least : retryAfter.compareTo(most) > 0 ? most : retryAfter;
    }
}

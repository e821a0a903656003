package io.msgsvc;

import java.time.Duration;
import java.util.Objects;

/**
 * How transient channel failures are retried: exponential backoff, then a final failure after
 * {@code maxAttempts} calls. While one recipient waits for its retry, later recipients of the same reservation wait
 * too, so list order holds.
 *
 * @param maxAttempts    the most channel calls for one delivery, at least 1
 * @param initialBackoff the wait after the first failed attempt
 * @param multiplier     each later wait's factor over the one before, at least 1.0
 * @param maxBackoff     the longest wait, at least {@code initialBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    /**
     * @param maxAttempts    the most channel calls for one delivery, at least 1
     * @param initialBackoff the wait after the first failed attempt, not negative
     * @param multiplier     each later wait's factor over the one before, at least 1.0
     * @param maxBackoff     the longest wait, at least {@code initialBackoff}
     * @throws IllegalArgumentException naming the setting that is out of range
     */
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

    /** {@return 5 attempts, waiting 1 s, 2 s, 4 s, 8 s between them} */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));
    }

    /** {@return a policy that fails on the first transient failure} */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);
    }

    /**
     * {@return a policy with exponential backoff}
     *
     * @param maxAttempts    the most channel calls for one delivery, at least 1
     * @param initialBackoff the wait after the first failed attempt
     * @param multiplier     each later wait's factor over the one before, at least 1.0
     * @param maxBackoff     the longest wait, at least {@code initialBackoff}
     */
    public static RetryPolicy exponential(
            int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff);
    }

    /**
     * {@return the wait after the given failed attempt}
     *
     * @param attempt the attempt that failed, from 1
     */
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

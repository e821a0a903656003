package io.msgsvc.spi;

import io.msgsvc.api.SendingSpeed;
import java.time.Duration;

/**
 * Token buckets that hold a {@link SendingSpeed} for everyone who shares this store: every engine on one database
 * takes its sends from the same bucket, so a limit holds across all nodes. Each bucket is named by a key and made,
 * full, on first use; a key names one speed for good (a changed limit takes a new key).
 */
public interface SendingPermits {

    /**
     * Takes {@code wanted} permits (at most the speed's burst) from the bucket {@code key} if it holds them all, else
     * none: a handful at a time keeps the round trips few when many dispatches share a bucket.
     *
     * @param key    the bucket's name
     * @param speed  the speed the bucket holds
     * @param wanted how many permits, 1 to {@code speed.burst()}
     * @return how many were taken ({@code wanted} or 0) and, when none, how long until {@code wanted} are there if
     *     nobody else takes them meanwhile
     */
    Grant take(String key, SendingSpeed speed, int wanted);

    /**
     * Puts back permits taken and not used (never more than the bucket holds when full).
     *
     * @param key     the bucket's name
     * @param speed   the speed the bucket holds
     * @param permits how many to put back
     */
    void giveBack(String key, SendingSpeed speed, int permits);

    /**
     * Empties the bucket for {@code pause} ahead, into debt if need be: the provider asked the whole channel to
     * wait, and every node that takes from this bucket then does.
     *
     * @param key   the bucket's name
     * @param speed the speed the bucket holds
     * @param pause how long the provider asked the channel to wait
     */
    void holdBack(String key, SendingSpeed speed, Duration pause);

    /**
     * What {@link #take} got.
     *
     * @param taken   permits taken
     * @param waitFor when none was taken, how long until the permits wanted are there; zero otherwise
     */
    record Grant(int taken, Duration waitFor) {
        /**
         * @param taken       permits taken
         * @param nanosToWait when none was taken, nanoseconds until the permits wanted are there; ignored otherwise
         * @return the grant: waiting zero when some were taken, at least a nanosecond when none was
         */
        public static Grant of(long taken, long nanosToWait) {
            return new Grant((int) taken, taken > 0 ? Duration.ZERO : Duration.ofNanos(Math.max(1, nanosToWait)));
        }
    }
}

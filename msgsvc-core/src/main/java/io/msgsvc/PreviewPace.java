package io.msgsvc;

import io.msgsvc.api.SendingSpeed;
import java.time.Duration;
import java.time.Instant;

/**
 * When a previewed reservation's sends would go: a burst at the start, the rest one by one at the slowest speed that
 * applies, the windows' closed hours skipped. All at the start when no speed applies, since only the channel's pace
 * bounds them then.
 */
final class PreviewPace {
    /** Enough windows to cover a year of daily openings. */
    private static final int MOST_OPENINGS = 400;

    private final SendingSpeed speed;
    private final SendingHours hours;
    private final Instant startsAt;

    /**
     * @param speed    the slowest speed that applies, or null for none
     * @param hours    the windows and expiry the reservation is sent under
     * @param startsAt when its first send would go
     */
    PreviewPace(SendingSpeed speed, SendingHours hours, Instant startsAt) {
        this.speed = speed;
        this.hours = hours;
        this.startsAt = startsAt;
    }

    /** When the send with {@code sendsBefore} sends ahead of it would go; never earlier than a later one's. */
    Instant sendAt(long sendsBefore) {
        if (speed == null) {
            return startsAt;
        }
        long left = Math.max(0, sendsBefore + 1 - speed.burst()); // a burst goes at once, the rest at the rate
        Instant at = startsAt;
        for (int opening = 0; opening < MOST_OPENINGS; opening++) {
            Instant closes = hours.closesAfter(at);
            long fits = closes == null || closes.equals(Instant.MAX)
                    ? Long.MAX_VALUE
                    : (long) (Duration.between(at, closes).toMillis() / 1e3 * speed.perSecondRate());
            if (left <= fits) {
                return at.plus(timeFor(left));
            }
            left -= fits;
            Instant next = hours.nextOpening(closes);
            if (next == null) {
                return closes;
            }
            at = next;
        }
        return at.plus(timeFor(left)); // a long campaign in short windows: an estimate past these openings
    }

    /**
     * How many of {@code sends} would go before {@code expireAt}; all of them when it is null. A send due at the
     * expiry itself is too late, as the dispatch finds it.
     */
    long sentBefore(Instant expireAt, long sends) {
        if (expireAt == null || sends == 0 || sendAt(sends - 1).isBefore(expireAt)) {
            return sends;
        }
        long low = 0; // the sends before low go in time; the one at high does not
        long high = sends - 1;
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (sendAt(middle).isBefore(expireAt)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** How long {@code sends} take at the speed's rate. */
    private Duration timeFor(long sends) {
        return Duration.ofNanos((long) Math.ceil(sends * 1e9 / speed.perSecondRate()));
    }
}

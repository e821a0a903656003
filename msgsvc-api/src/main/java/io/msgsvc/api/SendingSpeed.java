package io.msgsvc.api;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * At most {@code messages} sends per {@code per} (a second, a minute or an hour), as bulk-SMS APIs offer it. The
 * sends are spread evenly over the period; a burst of up to a tenth of a second's worth (at least one) may go at once.
 *
 * @param messages sends allowed per period, 1 to {@value #MAX_MESSAGES}
 * @param per      the period: {@link ChronoUnit#SECONDS}, {@link ChronoUnit#MINUTES} or {@link ChronoUnit#HOURS}
 */
public record SendingSpeed(int messages, ChronoUnit per) {

    /** The most a speed may allow: far beyond any gateway, low enough that its arithmetic never overflows. */
    public static final int MAX_MESSAGES = 1_000_000;

    /**
     * @param messages sends allowed per period, 1 to {@value #MAX_MESSAGES}
     * @param per      the period: seconds, minutes or hours
     * @throws NullPointerException     if {@code per} is null
     * @throws IllegalArgumentException if {@code per} is another unit, or {@code messages} is out of range
     */
    public SendingSpeed {
        Objects.requireNonNull(per, "per");
        if (per != ChronoUnit.SECONDS && per != ChronoUnit.MINUTES && per != ChronoUnit.HOURS) {
            throw new IllegalArgumentException("sendingSpeed per must be SECONDS, MINUTES or HOURS, was " + per);
        }
        if (messages < 1 || messages > MAX_MESSAGES) {
            throw new IllegalArgumentException(
                    "sendingSpeed messages must be 1 to " + MAX_MESSAGES + ", was " + messages);
        }
    }

    /**
     * @param messages sends allowed per second, 1 to {@value #MAX_MESSAGES}
     * @return the speed
     * @throws IllegalArgumentException if {@code messages} is out of range
     */
    public static SendingSpeed perSecond(int messages) {
        return new SendingSpeed(messages, ChronoUnit.SECONDS);
    }

    /**
     * @param messages sends allowed per minute, 1 to {@value #MAX_MESSAGES}
     * @return the speed
     * @throws IllegalArgumentException if {@code messages} is out of range
     */
    public static SendingSpeed perMinute(int messages) {
        return new SendingSpeed(messages, ChronoUnit.MINUTES);
    }

    /**
     * @param messages sends allowed per hour, 1 to {@value #MAX_MESSAGES}
     * @return the speed
     * @throws IllegalArgumentException if {@code messages} is out of range
     */
    public static SendingSpeed perHour(int messages) {
        return new SendingSpeed(messages, ChronoUnit.HOURS);
    }

    /** @return the period {@code messages} are allowed in: a second, a minute or an hour */
    public Duration period() {
        return per.getDuration();
    }

    /**
     * Sends per second this speed allows on average.
     *
     * @return the rate, in sends per second
     */
    public double perSecondRate() {
        return messages / (double) period().toSeconds();
    }

    /**
     * The most sends that may go at once: a tenth of a second's worth, at least one.
     *
     * @return the burst, in sends
     */
    public int burst() {
        return (int) Math.max(1, Math.ceil(perSecondRate() / 10));
    }

    /**
     * How long this speed takes to send a burst: a bucket refills a burst's worth evenly over it.
     *
     * @return the refill time of one burst
     */
    public Duration burstRefill() {
        return Duration.ofNanos(period().toNanos() * burst() / messages);
    }

    /**
     * How many sends this speed allows over {@code time}, rounded up.
     *
     * @param time how long, not null
     * @return the number of sends
     */
    public long sendsIn(Duration time) {
        return (long) Math.ceil(perSecondRate() * time.toNanos() / 1e9);
    }

    @Override
    public String toString() {
        return messages + "/" + per.name().toLowerCase(java.util.Locale.ROOT);
    }
}

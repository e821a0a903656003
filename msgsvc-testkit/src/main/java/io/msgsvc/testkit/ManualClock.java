package io.msgsvc.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to. An engine built with it wakes its scheduler whenever the time changes, so
 * tests can register a reservation for "in an hour", advance an hour, and see it sent without waiting.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /**
     * A clock standing at {@code start}.
     *
     * @param start the first time it tells
     */
    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * {@return a clock standing at {@code isoInstant}}: a fixed, round instant keeps test output stable
     *
     * @param isoInstant an ISO-8601 instant, such as {@code 2026-01-01T09:00:00Z}
     */
    public static ManualClock startingAt(String isoInstant) {
        return new ManualClock(Instant.parse(isoInstant));
    }

    /**
     * Moves the time forward, then runs the listeners.
     *
     * @param by how far; zero runs the listeners without moving
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + by);
        }
        now.updateAndGet(t -> t.plus(by));
        listeners.forEach(Runnable::run);
    }

    /**
     * Sets the time, backwards too, then runs the listeners.
     *
     * @param instant the new time
     */
    public void set(Instant instant) {
        now.set(instant);
        listeners.forEach(Runnable::run);
    }

    /**
     * Runs {@code listener} after every change of time.
     *
     * @param listener run on the thread that changes the time
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Stops running {@code listener}.
     *
     * @param listener one given to {@link #onChange}
     */
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a ManualClock is always UTC");
    }
}

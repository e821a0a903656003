package io.msgsvc;

import io.msgsvc.spi.DispatchQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When one dispatch lets other due reservations go first: after a slice of sending (75 % to 125 % of the setting, so
 * runs claimed together do not all yield together), if another reservation is due and waiting. Asks the store once
 * per slice.
 */
final class FairShare {
    private final Duration slice;
    private final DispatchQueue queue;
    private final Clock clock;
    private long sliceEndsNanos;

    FairShare(Duration slice, DispatchQueue queue, Clock clock) {
        this.slice = slice;
        this.queue = queue;
        this.clock = clock;
        nextSlice();
    }

    boolean yieldNow() {
        if (System.nanoTime() - sliceEndsNanos < 0) {
            return false;
        }
        nextSlice();
        return queue.nextDueAt().filter(at -> !at.isAfter(clock.instant())).isPresent();
    }

    private void nextSlice() {
        long nanos = slice.toNanos();
        sliceEndsNanos =
                System.nanoTime() + nanos * 3 / 4 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1);
    }
}

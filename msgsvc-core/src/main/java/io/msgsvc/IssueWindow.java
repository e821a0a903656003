package io.msgsvc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far beyond its last call a sender raises a reservation's issue mark: about twice what the channel takes in one
 * result flush interval, at least 1 and at most the result batch size. The mark bounds what a crash leaves uncertain
 * (sent or not), and raising it costs a transaction, so a slow channel gets a tight mark and a fast one a wide mark.
 * The pace is the channel's own (time inside its calls): counting the raises' commits in would shrink the window
 * whenever the store is slow, and so make every send a commit. Shared by an engine's dispatches, so a new one starts
 * at the pace of the last.
 */
final class IssueWindow {
    private final long flushIntervalNanos;
    private final int max;
    private final AtomicInteger size = new AtomicInteger(1);

    IssueWindow(Duration resultFlushInterval, int resultBatchSize) {
        this.flushIntervalNanos = resultFlushInterval.toNanos();
        this.max = resultBatchSize;
    }

    /** The window a dispatch starts with. */
    int size() {
        return size.get();
    }

    /** The window after {@code calls} channel calls that took {@code callNanos} in all. */
    int next(int calls, long callNanos) {
        double perFlushInterval = (double) calls * flushIntervalNanos / Math.max(1, callNanos);
        int next = (int) Math.max(1, Math.min(max, Math.ceil(2 * perFlushInterval)));
        size.set(next);
        return next;
    }
}

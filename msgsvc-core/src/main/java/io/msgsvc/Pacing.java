package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.MessageSize;
import io.msgsvc.spi.ClaimedReservation;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a dispatch's next send may go now, under the sending speeds that apply to it and the channel's hold (the
 * provider asked the whole channel to wait). A short wait is waited by the dispatch itself; a longer one puts the
 * reservation off, so its dispatch thread serves others meanwhile.
 */
final class Pacing {
    private static final Logger log = LoggerFactory.getLogger(Pacing.class);
    /** Longest a dispatch waits in place for a sending permit. */
    static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /**
     * How long the results of a dispatch held to a speed may wait to be written: many dispatches sharing a capped
     * channel each send slowly, and writing each result alone would make the commits, not the cap, the limit.
     */
    private static final long PACED_FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long to wait before asking again when the buckets could not be asked (the database is away). */
    private static final long AFTER_FAILURE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ReservationDispatcher d;
    private final SendingAllowance allowance;
    private final Deferral retry;
    private long waitNanos;

    Pacing(ReservationDispatcher d, ClaimedReservation r, Deferral retry, ResultBuffer unflushed) {
        this.d = d;
        this.retry = retry;
        this.allowance = new SendingAllowance(d.storage, d.config.sendingLimits(), r, d.sendWindow);
        if (allowance.limited()) {
            unflushed.flushAtLeastEvery(PACED_FLUSH_NANOS);
        }
    }

    /**
     * Null if {@code next} may go now (its permit taken); {@link StopReason#PACED} if it waits here a moment (see
     * {@link #waitNanos}); {@link StopReason#DEFERRED} if the reservation is put off (noted in the deferral).
     */
    StopReason next(Delivery next) {
        Instant held = d.channelHeldUntil();
        if (held != Instant.MIN && held.isAfter(d.config.clock().instant())) { // MIN: never held, no clock read
            retry.note(next, next.attempts(), "the channel asked to wait", held);
            return StopReason.DEFERRED;
        }
        long wait;
        try {
            wait = allowance.take();
        } catch (RuntimeException e) { // the permits come again with the database; sending waits for them
            log.warn("could not take sending permits; trying again shortly", e);
            wait = AFTER_FAILURE_NANOS;
        }
        if (wait > MAX_WAIT_NANOS) {
            // spread a little, so the reservations put off together are not all due at the same instant
            long spread = wait + ThreadLocalRandom.current().nextLong(wait / 5 + 1);
            retry.note(
                    next,
                    next.attempts(),
                    "sending speed",
                    d.config.clock().instant().plusNanos(spread));
            return StopReason.DEFERRED;
        }
        waitNanos = wait;
        return wait > 0 ? StopReason.PACED : null;
    }

    /** How long the send {@link #next} paced waits. */
    long waitNanos() {
        return waitNanos;
    }

    /** The permit {@link #next} took was not used after all. */
    void unused() {
        allowance.unused();
    }

    /** A send refused for its size before any call: the permit {@link #next} took for it goes back. */
    Pipeline.Ended refused(Delivery delivery, int attempt, MessageSize size) {
        allowance.unused();
        return Pipeline.Ended.refused(delivery, attempt, size);
    }

    /** The dispatch is over: permits taken and not used go back. */
    void giveBackUnused() {
        allowance.giveBackUnused();
    }
}

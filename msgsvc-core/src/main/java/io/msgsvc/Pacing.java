package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.spi.ClaimedReservation;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Whether a dispatch's next send may go now, under the sending speeds that apply to it and the channel's hold (the
 * provider asked the whole channel to wait). A short wait is waited by the dispatch itself; a longer one puts the
 * reservation off, so its dispatch thread serves others meanwhile.
 */
final class Pacing {
    /** Longest a dispatch waits in place for a sending permit. */
    static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ReservationDispatcher d;
    private final SendingAllowance allowance;
    private final Deferral retry;

    Pacing(ReservationDispatcher d, ClaimedReservation r, Deferral retry) {
        this.d = d;
        this.retry = retry;
        this.allowance = new SendingAllowance(d.storage.sendingPermits(), d.config.sendingLimits(), r, d.sendWindow);
    }

    /**
     * 0 if {@code next} may go now (its permit taken), the nanoseconds to wait here if that is short, or -1 if the
     * reservation is to be put off (noted in the deferral) until a permit is due.
     */
    long next(Delivery next) {
        Instant held = d.channelHeldUntil();
        if (held != Instant.MIN && held.isAfter(d.config.clock().instant())) { // MIN: never held, no clock read
            retry.note(next, next.attempts(), "the channel asked to wait", held);
            return -1;
        }
        long wait = allowance.take();
        if (wait > MAX_WAIT_NANOS) {
            retry.note(
                    next,
                    next.attempts(),
                    "sending speed",
                    d.config.clock().instant().plusNanos(wait));
            return -1;
        }
        return wait;
    }

    /** The permit {@link #next} took was not used after all. */
    void unused() {
        allowance.unused();
    }

    /** The dispatch is over: permits taken and not used go back. */
    void giveBackUnused() {
        allowance.giveBackUnused();
    }
}

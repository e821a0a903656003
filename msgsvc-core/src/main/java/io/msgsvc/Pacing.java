package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.MessageSize;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.EventIds;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a dispatch's next send may go now: within the reservation's delivery windows and before its expiry
 * ({@link SendingHours}), under the sending speeds that apply to it and the channel's hold (the provider asked the
 * whole channel to wait). A short wait is waited by the dispatch itself; a longer one, a closed window or a past
 * expiry puts the reservation off, so its dispatch thread serves others meanwhile.
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
    private final ClaimedReservation r;
    private final SendingAllowance allowance;
    private final Deferral retry;
    private final SendingHours hours;
    private long waitNanos;
    private boolean expiredSeen;

    Pacing(ReservationDispatcher d, ClaimedReservation r, Deferral retry, ResultBuffer unflushed) {
        this.d = d;
        this.r = r;
        this.retry = retry;
        this.hours = SendingHours.of(d.config.campaignDefaults(), r.rules());
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
        Instant now = hours.applies() ? d.config.clock().instant() : null; // no clock read when nothing applies
        Instant closed = now == null ? null : hours.closedUntil(now);
        if (closed != null && hours.expired(now)) { // closed as expired when claimed again, at once
            retry.note(next, next.attempts(), "expired", closed);
            return StopReason.DEFERRED;
        }
        if (closed != null) { // no attempt used: it waits for its window, and readers are told until when
            retry.note(next, next.attempts(), "outside its delivery window", closed, waiting(now, closed));
            return StopReason.DEFERRED;
        }
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

    /**
     * Before a reservation's dispatch starts: if its windows are closed now, puts it off until they open, without
     * starting it, so it stays scheduled (no {@code DispatchStarted} while they are closed) and readers are told when
     * it is next sent. False, with nothing done, if it may start now (or it has no pending delivery to note the wait
     * on).
     */
    boolean putOffUnstarted() {
        Instant now = hours.applies() ? d.config.clock().instant() : null;
        Instant opens = now == null || hours.expired(now) ? null : hours.closedUntil(now); // expired: closed as such
        List<Delivery> first = opens == null ? List.of() : d.queue.pendingDeliveries(r.id(), 0, 1);
        if (first.isEmpty()) {
            return false;
        }
        retry.note(first.get(0), first.get(0).attempts(), "outside its delivery window", opens, waiting(now, opens));
        retry.store(d, r.issuedThrough());
        return true;
    }

    /**
     * Whether the reservation's expiry has come: its unsent recipients are not sent. The dispatch then goes as under a
     * cancel (what may have reached the channel goes again, the rest not at all) and closes as expired.
     */
    boolean expired() {
        expiredSeen |=
                hours.expireAt() != null && hours.expired(d.config.clock().instant());
        return expiredSeen;
    }

    /** How a dispatch carried out as a cancel closes: as expired if {@link #expired()} said so, else cancelled. */
    Closing cancelClosing(Instant now) {
        return expiredSeen ? Closing.expired(now, hours.expireAt()) : Closing.cancelled(now);
    }

    private ReservationEvent waiting(Instant now, Instant opensAt) {
        return new ReservationEvent.WaitingForWindow(EventIds.next(), r.id(), r.customerId(), now, opensAt);
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

package io.msgsvc;

import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.ReservationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due reservations and hands each to a dispatcher thread. Sleeps until the earliest known due time, woken
 * early by a new registration, a finished dispatch or a clock change; never longer than the poll interval, which
 * is how due times written by other nodes are noticed.
 */
final class DispatchScheduler implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DispatchScheduler.class);
    /** Floor of a sleep when work seemed due but none could be claimed, so a disagreement never spins. */
    private static final Duration MIN_IDLE = Duration.ofMillis(25);

    private final ReservationStore store;
    private final ReservationDispatcher dispatcher;
    private final ExecutorService workers;
    private final int maxConcurrent;
    private final Clock clock;
    private final String nodeId;
    private final Duration lease;
    private final Duration pollInterval;
    private final WakeSignal signal = new WakeSignal();
    /** Reservations this node is sending; never claimed again here while their sender lives. */
    private final Set<ReservationId> active = ConcurrentHashMap.newKeySet();

    private volatile boolean running = true;

    DispatchScheduler(
            ReservationStore store,
            ReservationDispatcher dispatcher,
            ExecutorService workers,
            int maxConcurrent,
            Clock clock,
            String nodeId,
            Duration lease,
            Duration pollInterval) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.maxConcurrent = maxConcurrent;
        this.clock = clock;
        this.nodeId = nodeId;
        this.lease = lease;
        this.pollInterval = pollInterval;
    }

    void wake() {
        signal.raise();
    }

    void stop() {
        running = false;
        signal.raise();
    }

    boolean isSending(ReservationId id) {
        return active.contains(id);
    }

    @Override
    public void run() {
        while (running) {
            try {
                Duration sleep = claimAndDispatch();
                signal.await(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("claiming due reservations failed; retrying in {}", pollInterval, e);
                try {
                    signal.await(pollInterval);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One round: claim what is due and fits, return how long to sleep. */
    private Duration claimAndDispatch() {
        int free = maxConcurrent - active.size();
        if (free > 0) {
            Instant now = clock.instant();
            List<ClaimedReservation> claimed = store.claimDue(now, free, nodeId, lease, Set.copyOf(active));
            for (ClaimedReservation r : claimed) {
                submit(r);
            }
            if (claimed.size() == free) {
                return Duration.ZERO;
            }
        } else {
            return pollInterval; // a finishing dispatch wakes us
        }
        Optional<Instant> next = store.nextDueAt();
        if (next.isEmpty()) {
            return pollInterval;
        }
        Duration untilDue = Duration.between(clock.instant(), next.get());
        if (untilDue.isNegative() || untilDue.isZero()) {
            return MIN_IDLE; // due, yet nothing could be claimed: do not spin
        }
        return untilDue.compareTo(pollInterval) < 0 ? untilDue : pollInterval;
    }

    private void submit(ClaimedReservation r) {
        active.add(r.id());
        try {
            workers.execute(() -> {
                try {
                    dispatcher.dispatch(r);
                } finally {
                    active.remove(r.id());
                    signal.raise();
                }
            });
        } catch (RejectedExecutionException e) {
            active.remove(r.id());
            store.releaseLease(r.id(), nodeId);
        }
    }
}

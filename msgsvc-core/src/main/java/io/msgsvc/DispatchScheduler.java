package io.msgsvc;

import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.BackgroundLoop;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.Storage;
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
 * early by a new registration, a finished dispatch or {@link Msgsvc#checkDueNow()}; never longer than the poll
 * interval, which is how due times written by other nodes are noticed.
 */
final class DispatchScheduler {
    private static final Logger log = LoggerFactory.getLogger(DispatchScheduler.class);
    /** Floor of a sleep when work seemed due but none could be claimed, so a disagreement never spins. */
    private static final Duration MIN_IDLE = Duration.ofMillis(25);

    private final EngineConfig config;
    private final Storage storage;
    private final DispatchQueue queue;
    private final ReservationDispatcher dispatcher;
    private final ExecutorService workers;
    /** Reservations this node is sending; never claimed again here while their sender lives. */
    private final Set<ReservationId> active = ConcurrentHashMap.newKeySet();

    private final BackgroundLoop loop;

    DispatchScheduler(EngineConfig config, ReservationDispatcher dispatcher, ExecutorService workers) {
        this.config = config;
        this.storage = config.storage();
        this.queue = storage.dispatchQueue();
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.loop = BackgroundLoop.named("msgsvc-scheduler-" + config.nodeId())
                .backoff(config.pollInterval(), config.pollInterval())
                .onFailure((e, retryIn) -> log.warn("claiming due reservations failed; retrying in {}", retryIn, e))
                .build(this::claimAndDispatch);
    }

    /** The loop that claims due reservations: started, woken and stopped by the engine. */
    BackgroundLoop loop() {
        return loop;
    }

    boolean isSending(ReservationId id) {
        return active.contains(id);
    }

    /** One round: claim what is due and fits, return how long to sleep. */
    private Duration claimAndDispatch() {
        int free = config.dispatchThreads() - active.size();
        if (free <= 0) {
            return config.pollInterval(); // a finishing dispatch wakes us
        }
        Instant now = config.clock().instant();
        Set<ReservationId> busy = Set.copyOf(active);
        List<ClaimedReservation> claimed =
                storage.inTransaction(tx -> queue.claimDue(tx, now, free, config.nodeId(), config.lease(), busy));
        for (ClaimedReservation r : claimed) {
            submit(r);
        }
        if (claimed.size() == free) {
            return Duration.ZERO;
        }
        Optional<Instant> next = queue.nextDueAt();
        if (next.isEmpty()) {
            return config.pollInterval();
        }
        Duration untilDue = Duration.between(config.clock().instant(), next.get());
        if (untilDue.isNegative() || untilDue.isZero()) {
            return MIN_IDLE; // due, yet nothing could be claimed: do not spin
        }
        return untilDue.compareTo(config.pollInterval()) < 0 ? untilDue : config.pollInterval();
    }

    private void submit(ClaimedReservation r) {
        active.add(r.id());
        try {
            workers.execute(() -> {
                try {
                    dispatcher.dispatch(r);
                } finally {
                    active.remove(r.id());
                    dispatcher.forget(r.id()); // after: a cancel told meanwhile is no longer kept for it
                    loop.wake();
                }
            });
        } catch (RejectedExecutionException e) {
            active.remove(r.id());
            storage.inTransaction(tx -> {
                queue.releaseLease(tx, r.id(), config.nodeId(), r.issuedThrough());
                return null;
            });
        }
    }
}

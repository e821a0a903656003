package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationEvent.DispatchStarted;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.ReservationCancelled;
import io.msgsvc.api.ReservationEvent.ReservationCompensated;
import io.msgsvc.api.ReservationEvent.SendCompleted;
import io.msgsvc.api.ReservationEvent.SendFailed;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.ReservationStore;
import io.msgsvc.spi.ResultAck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends one claimed reservation: its pending deliveries strictly in list order, each result recorded with its event
 * before the next recipient is tried. Stops when the lease is lost, the customer cancels, a transient failure must
 * wait for its retry, or the engine stops.
 */
final class ReservationDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ReservationDispatcher.class);
    static final String CANCEL_REASON = "cancelled by the customer";

    private final ReservationStore store;
    private final ChannelInvoker channel;
    private final MessageChannel rawChannel;
    private final ContentPolicy contentPolicy;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final String nodeId;
    private final Duration lease;
    private final int batchSize;
    private final Runnable eventsWritten;
    private final Runnable dueTimesChanged;
    /** Cancels asked of this node for reservations it is sending: checked before every send. */
    private final Set<ReservationId> cancelRequested = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    ReservationDispatcher(ReservationStore store, ChannelInvoker channel, MessageChannel rawChannel,
                          ContentPolicy contentPolicy, RetryPolicy retryPolicy, Clock clock, String nodeId,
                          Duration lease, int batchSize, Runnable eventsWritten, Runnable dueTimesChanged) {
        this.store = store;
        this.channel = channel;
        this.rawChannel = rawChannel;
        this.contentPolicy = contentPolicy;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.nodeId = nodeId;
        this.lease = lease;
        this.batchSize = batchSize;
        this.eventsWritten = eventsWritten;
        this.dueTimesChanged = dueTimesChanged;
    }

    void stop() {
        running = false;
    }

    void requestCancel(ReservationId id) {
        cancelRequested.add(id);
    }

    void dispatch(ClaimedReservation r) {
        try {
            run(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.releaseLease(r.id(), nodeId);
        } catch (RuntimeException e) {
            // the lease runs out and this or another node resumes at the first pending recipient
            log.error("dispatch of reservation {} failed; it resumes when its lease expires", r.id(), e);
        } finally {
            cancelRequested.remove(r.id());
        }
    }

    private void run(ClaimedReservation r) throws InterruptedException {
        if (r.cancelRequested() || cancelRequested.contains(r.id())) {
            closeCancelled(r);
            return;
        }
        if (!r.started() && store.startDispatch(r.id(), nodeId,
                new DispatchStarted(UUID.randomUUID(), r.id(), r.customerId(), clock.instant()))) {
            eventsWritten.run();
        }
        Optional<String> violation = contentPolicy.violation(r.text(), rawChannel);
        if (violation.isPresent()) {
            compensate(r, violation.get());
            return;
        }
        Instant leaseCheckAt = clock.instant().plus(lease.dividedBy(3));
        while (running) {
            List<Delivery> batch = store.pendingDeliveries(r.id(), batchSize);
            if (batch.isEmpty()) {
                complete(r);
                return;
            }
            for (Delivery delivery : batch) {
                if (!running) {
                    store.releaseLease(r.id(), nodeId);
                    return;
                }
                if (cancelRequested.contains(r.id())) {
                    closeCancelled(r);
                    return;
                }
                Instant now = clock.instant();
                if (!now.isBefore(leaseCheckAt)) {
                    if (!store.renewLease(r.id(), nodeId, now, lease)) {
                        log.info("lost the lease on reservation {}; another node carries on", r.id());
                        return;
                    }
                    leaseCheckAt = now.plus(lease.dividedBy(3));
                }
                Step step = send(r, delivery);
                if (step == Step.STOP) {
                    return;
                }
                if (step == Step.REFETCH) {
                    break;
                }
            }
        }
        store.releaseLease(r.id(), nodeId);
    }

    private enum Step { NEXT, REFETCH, STOP }

    private Step send(ClaimedReservation r, Delivery d) throws InterruptedException {
        int attempt = d.attempts() + 1;
        OutboundMessage message = new OutboundMessage(d.id(), d.id().toString(), r.customerId(), d.recipient(),
                r.subject(), r.text(), attempt);
        SendOutcome outcome = channel.send(message);
        Instant now = clock.instant();
        ResultAck ack;
        if (outcome instanceof SendOutcome.Accepted accepted) {
            ack = store.recordResult(
                    new DeliveryResult(d.id(), DeliveryState.SENT, attempt, accepted.providerReference(), now),
                    new MsgSent(UUID.randomUUID(), r.id(), r.customerId(), now, d.id(), d.recipient(), attempt,
                            accepted.providerReference()));
        } else if (outcome instanceof SendOutcome.PermanentFailure failure) {
            ack = recordFailure(r, d, attempt, failure.reason(), true, now);
        } else {
            String reason = ((SendOutcome.TransientFailure) outcome).reason();
            if (attempt >= retryPolicy.maxAttempts()) {
                ack = recordFailure(r, d, attempt, "gave up after " + attempt + " attempts: " + reason, false, now);
            } else {
                store.deferDelivery(d.id(), nodeId, attempt, reason, now.plus(retryPolicy.backoffAfter(attempt)));
                dueTimesChanged.run();
                return Step.STOP;
            }
        }
        if (ack.recorded()) {
            eventsWritten.run();
        } else if (!store.renewLease(r.id(), nodeId, now, lease)) {
            // someone else recorded this delivery: they hold the reservation now
            return Step.STOP;
        }
        if (ack.cancelRequested()) {
            closeCancelled(r);
            return Step.STOP;
        }
        return ack.recorded() ? Step.NEXT : Step.REFETCH;
    }

    private ResultAck recordFailure(ClaimedReservation r, Delivery d, int attempt, String reason, boolean permanent,
                                    Instant now) {
        return store.recordResult(new DeliveryResult(d.id(), DeliveryState.FAILED, attempt, reason, now),
                new SendFailed(UUID.randomUUID(), r.id(), r.customerId(), now, d.id(), d.recipient(), attempt, reason,
                        permanent));
    }

    private void complete(ClaimedReservation r) {
        Instant now = clock.instant();
        store.close(r.id(), nodeId, null, s -> new SendCompleted(UUID.randomUUID(), r.id(), r.customerId(), now,
                s.sent(), s.failed())).ifPresent(s -> eventsWritten.run());
    }

    private void compensate(ClaimedReservation r, String reason) {
        Instant now = clock.instant();
        store.close(r.id(), nodeId, "rejected: " + reason, s -> new ReservationCompensated(UUID.randomUUID(), r.id(),
                r.customerId(), now, reason, s.cancelled())).ifPresent(s -> {
            log.info("reservation {} rejected and compensated: {}", r.id(), reason);
            eventsWritten.run();
        });
    }

    private void closeCancelled(ClaimedReservation r) {
        Instant now = clock.instant();
        store.close(r.id(), nodeId, CANCEL_REASON, s -> new ReservationCancelled(UUID.randomUUID(), r.id(),
                r.customerId(), now, s.cancelled())).ifPresent(s -> eventsWritten.run());
    }
}

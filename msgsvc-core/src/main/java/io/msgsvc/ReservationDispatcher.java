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
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.ReservationStore;
import io.msgsvc.spi.ResultAck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one claimed reservation: its pending deliveries strictly in list order. Results are written in small
 * batches (up to {@code resultBatchSize}, never held longer than {@code resultFlushInterval}, and always before
 * waiting on a slow channel call), so a fast channel costs one transaction per batch and a slow one still shows
 * each result at once. Stops when the lease is lost, the customer cancels, a transient failure must wait for its
 * retry, or the engine stops.
 */
final class ReservationDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ReservationDispatcher.class);

    private final ReservationStore store;
    private final ChannelInvoker channel;
    private final MessageChannel rawChannel;
    private final ContentPolicy contentPolicy;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final String nodeId;
    private final Duration lease;
    /** How often a sender renews its lease: often enough that a send begun just before is over before it ends. */
    private final Duration renewEvery;

    private final int fetchSize;
    private final int resultBatchSize;
    private final Duration resultFlushInterval;
    private final EventWrites writes;
    private final Runnable dueTimesChanged;
    /** Cancels asked of this node for reservations it is sending: checked before every send. */
    private final Set<ReservationId> cancelRequested = ConcurrentHashMap.newKeySet();

    private volatile boolean running = true;

    ReservationDispatcher(
            ReservationStore store,
            ChannelInvoker channel,
            MessageChannel rawChannel,
            ContentPolicy contentPolicy,
            RetryPolicy retryPolicy,
            Clock clock,
            String nodeId,
            Duration lease,
            Duration channelTimeout,
            int fetchSize,
            int resultBatchSize,
            Duration resultFlushInterval,
            EventWrites writes,
            Runnable dueTimesChanged) {
        this.store = store;
        this.channel = channel;
        this.rawChannel = rawChannel;
        this.contentPolicy = contentPolicy;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.nodeId = nodeId;
        this.lease = lease;
        Duration third = lease.dividedBy(3);
        Duration halfOfSpare = lease.minus(channelTimeout).dividedBy(2);
        this.renewEvery = third.compareTo(halfOfSpare) < 0 ? third : halfOfSpare;
        this.fetchSize = fetchSize;
        this.resultBatchSize = resultBatchSize;
        this.resultFlushInterval = resultFlushInterval;
        this.writes = writes;
        this.dueTimesChanged = dueTimesChanged;
    }

    void stop() {
        running = false;
    }

    void requestCancel(ReservationId id) {
        cancelRequested.add(id);
    }

    void dispatch(ClaimedReservation r) {
        Run run = new Run(r);
        try {
            run.run();
        } catch (InterruptedException e) {
            // stopping: keep what the channel accepted, so the next holder does not send it again
            run.flush();
            store.releaseLease(r.id(), nodeId);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the lease runs out and this or another node resumes at the first unrecorded recipient
            log.error("dispatch of reservation {} failed; it resumes when its lease expires", r.id(), e);
        } finally {
            cancelRequested.remove(r.id());
        }
    }

    /** Why a run ends early. */
    private enum Stop {
        NONE,
        LEASE_LOST,
        CANCEL
    }

    /** The state of one dispatch of one reservation. */
    private final class Run {
        private final ClaimedReservation r;
        private final List<RecordedResult> unflushed = new ArrayList<>();
        private long oldestUnflushedNanos;
        private Instant leaseCheckAt;
        private Stop stop = Stop.NONE;

        Run(ClaimedReservation r) {
            this.r = r;
        }

        void run() throws InterruptedException {
            if (r.cancelRequested() || cancelRequested.contains(r.id())) {
                closeCancelled();
                return;
            }
            if (!r.started()) {
                DispatchStarted started =
                        new DispatchStarted(UUID.randomUUID(), r.id(), r.customerId(), clock.instant());
                writes.write(() -> store.startDispatch(r.id(), nodeId, started));
            }
            Optional<String> violation = contentPolicy.violation(r.text(), rawChannel);
            if (violation.isPresent()) {
                compensate(violation.get());
                return;
            }
            leaseCheckAt = clock.instant().plus(renewEvery);
            int next = 0;
            while (true) {
                List<Delivery> batch = store.pendingDeliveries(r.id(), next, fetchSize);
                if (batch.isEmpty()) {
                    if (flush() && stop == Stop.NONE) {
                        complete();
                    }
                    finishEarly();
                    return;
                }
                for (Delivery delivery : batch) {
                    if (!running || stop != Stop.NONE || cancelRequested.contains(r.id())) {
                        flush();
                        if (cancelRequested.contains(r.id())) {
                            stop = Stop.CANCEL;
                        }
                        finishEarly();
                        return;
                    }
                    if (!renewLeaseIfDue()) {
                        return;
                    }
                    if (!send(delivery)) {
                        return; // deferred for a retry
                    }
                    next = delivery.sequence() + 1;
                    if (unflushed.size() >= resultBatchSize
                            || System.nanoTime() - oldestUnflushedNanos >= resultFlushInterval.toNanos()) {
                        flush();
                    }
                }
            }
        }

        /** Sends one delivery; false when it was deferred for a retry and this run is over. */
        private boolean send(Delivery d) throws InterruptedException {
            int attempt = d.attempts() + 1;
            OutboundMessage message = new OutboundMessage(
                    d.id(), d.id().toString(), r.customerId(), d.recipient(), r.subject(), r.text(), attempt);
            SendOutcome outcome = channel.send(message, resultFlushInterval, this::flush);
            Instant now = clock.instant();
            if (outcome instanceof SendOutcome.Accepted accepted) {
                buffer(new RecordedResult(
                        new DeliveryResult(d.id(), DeliveryState.SENT, attempt, accepted.providerReference(), now),
                        new MsgSent(
                                UUID.randomUUID(),
                                r.id(),
                                r.customerId(),
                                now,
                                d.id(),
                                d.recipient(),
                                attempt,
                                accepted.providerReference())));
                return true;
            }
            if (outcome instanceof SendOutcome.PermanentFailure failure) {
                bufferFailure(d, attempt, failure.reason(), true, now);
                return true;
            }
            String reason = ((SendOutcome.TransientFailure) outcome).reason();
            if (attempt >= retryPolicy.maxAttempts()) {
                bufferFailure(d, attempt, "gave up after " + attempt + " attempts: " + reason, false, now);
                return true;
            }
            // earlier results must be stored before the lease is given up
            if (flush() && stop == Stop.NONE) {
                store.deferDelivery(d.id(), nodeId, attempt, reason, now.plus(retryPolicy.backoffAfter(attempt)));
                dueTimesChanged.run();
            } else {
                finishEarly();
            }
            return false;
        }

        private void bufferFailure(Delivery d, int attempt, String reason, boolean permanent, Instant now) {
            buffer(new RecordedResult(
                    new DeliveryResult(d.id(), DeliveryState.FAILED, attempt, reason, now),
                    new SendFailed(
                            UUID.randomUUID(),
                            r.id(),
                            r.customerId(),
                            now,
                            d.id(),
                            d.recipient(),
                            attempt,
                            reason,
                            permanent)));
        }

        private void buffer(RecordedResult result) {
            if (unflushed.isEmpty()) {
                oldestUnflushedNanos = System.nanoTime();
            }
            unflushed.add(result);
        }

        /** Writes buffered results; false if the run must stop (lease lost or cancel requested). */
        private boolean flush() {
            if (!unflushed.isEmpty()) {
                List<RecordedResult> results = List.copyOf(unflushed);
                ResultAck ack = writes.write(() -> store.recordResults(r.id(), results));
                int given = unflushed.size();
                unflushed.clear();
                if (ack.recorded() < given && !store.renewLease(r.id(), nodeId, clock.instant(), lease)) {
                    stop = Stop.LEASE_LOST; // another node recorded them: it holds the reservation now
                } else if (ack.cancelRequested()) {
                    stop = Stop.CANCEL;
                }
            }
            return stop == Stop.NONE;
        }

        private boolean renewLeaseIfDue() {
            Instant now = clock.instant();
            if (now.isBefore(leaseCheckAt)) {
                return true;
            }
            flush();
            if (stop == Stop.LEASE_LOST || !store.renewLease(r.id(), nodeId, now, lease)) {
                log.info("lost the lease on reservation {}; another node carries on", r.id());
                return false;
            }
            leaseCheckAt = now.plus(renewEvery);
            return true;
        }

        /** Ends a run that did not complete: cancelled, lease lost, or engine stopping. */
        private void finishEarly() {
            switch (stop) {
                case CANCEL -> closeCancelled();
                case LEASE_LOST -> log.info("lost reservation {} to another node", r.id());
                case NONE -> {
                    if (!running) {
                        store.releaseLease(r.id(), nodeId);
                    }
                }
            }
        }

        private void complete() {
            Instant now = clock.instant();
            writes.write(() -> store.close(
                    r.id(),
                    nodeId,
                    null,
                    s -> new SendCompleted(UUID.randomUUID(), r.id(), r.customerId(), now, s.sent(), s.failed())));
        }

        private void compensate(String reason) {
            Instant now = clock.instant();
            writes.write(() -> store.close(
                            r.id(),
                            nodeId,
                            "rejected: " + reason,
                            s -> new ReservationCompensated(
                                    UUID.randomUUID(), r.id(), r.customerId(), now, reason, s.cancelled())))
                    .ifPresent(s -> log.info("reservation {} rejected and compensated: {}", r.id(), reason));
        }

        private void closeCancelled() {
            Instant now = clock.instant();
            writes.write(() -> store.close(
                    r.id(),
                    nodeId,
                    ReservationStore.CUSTOMER_CANCEL_REASON,
                    s -> new ReservationCancelled(UUID.randomUUID(), r.id(), r.customerId(), now, s.cancelled())));
        }
    }
}

package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationEvent.DispatchStarted;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.SendFailed;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.ResultAck;
import io.msgsvc.spi.Storage;
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

    private final EngineConfig config;
    private final Storage storage;
    private final DispatchQueue queue;
    private final UnitOfWork unitOfWork;
    private final ChannelInvoker channel;
    private final Runnable dueTimesChanged;
    /** How often a sender renews its lease: often enough that a send begun just before is over before it ends. */
    private final Duration renewEvery;
    /** Cancels asked of this node for reservations it is sending: checked before every send. */
    private final Set<ReservationId> cancelRequested = ConcurrentHashMap.newKeySet();

    private volatile boolean running = true;

    ReservationDispatcher(
            EngineConfig config, UnitOfWork unitOfWork, ChannelInvoker channel, Runnable dueTimesChanged) {
        this.config = config;
        this.storage = config.storage();
        this.queue = storage.dispatchQueue();
        this.unitOfWork = unitOfWork;
        this.channel = channel;
        this.dueTimesChanged = dueTimesChanged;
        Duration third = config.lease().dividedBy(3);
        Duration halfOfSpare = config.lease().minus(config.channelTimeout()).dividedBy(2);
        this.renewEvery = third.compareTo(halfOfSpare) < 0 ? third : halfOfSpare;
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
            releaseLease(r.id());
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the lease runs out and this or another node resumes at the first unrecorded recipient
            log.error("dispatch of reservation {} failed; it resumes when its lease expires", r.id(), e);
        } finally {
            cancelRequested.remove(r.id());
        }
    }

    private void releaseLease(ReservationId id) {
        storage.inTransaction(tx -> {
            queue.releaseLease(tx, id, config.nodeId());
            return null;
        });
    }

    private boolean renewLease(ReservationId id, Instant now) {
        return storage.inTransaction(tx -> queue.renewLease(tx, id, config.nodeId(), now, config.lease()));
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
                close(Closing.cancelled(now()));
                return;
            }
            if (!r.started()) {
                DispatchStarted started = new DispatchStarted(UUID.randomUUID(), r.id(), r.customerId(), now());
                unitOfWork.write(tx -> queue.startDispatch(tx, r.id(), config.nodeId(), started));
            }
            Optional<String> violation = config.contentPolicy().violation(r.text(), config.channel());
            if (violation.isPresent()) {
                close(Closing.rejected(now(), violation.get()))
                        .ifPresent(
                                s -> log.info("reservation {} rejected and compensated: {}", r.id(), violation.get()));
                return;
            }
            leaseCheckAt = now().plus(renewEvery);
            int next = 0;
            while (true) {
                List<Delivery> batch = queue.pendingDeliveries(r.id(), next, config.deliveryBatchSize());
                if (batch.isEmpty()) {
                    if (flush() && stop == Stop.NONE) {
                        close(Closing.completed(now()));
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
                    if (unflushed.size() >= config.resultBatchSize()
                            || System.nanoTime() - oldestUnflushedNanos
                                    >= config.resultFlushInterval().toNanos()) {
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
            SendOutcome outcome = channel.send(message, config.resultFlushInterval(), this::flush);
            Instant now = now();
            if (outcome instanceof SendOutcome.Accepted accepted) {
                String reference = accepted.providerReference();
                buffer(new RecordedResult(
                        new DeliveryResult(d.id(), DeliveryState.SENT, attempt, reference, now),
                        new MsgSent(
                                UUID.randomUUID(),
                                r.id(),
                                r.customerId(),
                                now,
                                d.id(),
                                d.recipient(),
                                attempt,
                                reference)));
                return true;
            }
            if (outcome instanceof SendOutcome.PermanentFailure failure) {
                bufferFailure(d, attempt, failure.reason(), true, now);
                return true;
            }
            String reason = ((SendOutcome.TransientFailure) outcome).reason();
            if (attempt >= config.retryPolicy().maxAttempts()) {
                bufferFailure(d, attempt, "gave up after " + attempt + " attempts: " + reason, false, now);
                return true;
            }
            // earlier results must be stored before the lease is given up
            if (flush() && stop == Stop.NONE) {
                Instant retryAt = now.plus(config.retryPolicy().backoffAfter(attempt));
                storage.inTransaction(tx -> queue.deferDelivery(tx, d.id(), config.nodeId(), attempt, reason, retryAt));
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
                ResultAck ack = unitOfWork.write(tx -> queue.recordResults(tx, r.id(), results));
                int given = unflushed.size();
                unflushed.clear();
                if (ack.recorded() < given && !renewLease(r.id(), now())) {
                    stop = Stop.LEASE_LOST; // another node recorded them: it holds the reservation now
                } else if (ack.cancelRequested()) {
                    stop = Stop.CANCEL;
                }
            }
            return stop == Stop.NONE;
        }

        private boolean renewLeaseIfDue() {
            Instant now = now();
            if (now.isBefore(leaseCheckAt)) {
                return true;
            }
            flush();
            if (stop == Stop.LEASE_LOST || !renewLease(r.id(), now)) {
                log.info("lost the lease on reservation {}; another node carries on", r.id());
                return false;
            }
            leaseCheckAt = now.plus(renewEvery);
            return true;
        }

        /** Ends a run that did not complete: cancelled, lease lost, or engine stopping. */
        private void finishEarly() {
            switch (stop) {
                case CANCEL -> close(Closing.cancelled(now()));
                case LEASE_LOST -> log.info("lost reservation {} to another node", r.id());
                case NONE -> {
                    if (!running) {
                        releaseLease(r.id());
                    }
                }
            }
        }

        private Optional<CloseSummary> close(Closing closing) {
            return unitOfWork.write(tx -> queue.close(tx, r.id(), config.nodeId(), closing));
        }

        private Instant now() {
            return config.clock().instant();
        }
    }
}

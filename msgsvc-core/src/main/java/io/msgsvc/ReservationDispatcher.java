package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationEvent.DispatchStarted;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.DeliveryReports;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.ResultAck;
import io.msgsvc.spi.Storage;
import io.msgsvc.spi.Written;
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
 * each result at once. Before it calls the channel beyond the reservation's issue mark it raises the mark (see
 * {@link IssueWindow}), so a crash never leaves unknown which deliveries may have been sent. Stops when the lease is
 * lost, the customer cancels, a transient failure must wait for its retry, or the engine stops; a cancelled
 * reservation first sends again what an earlier sender may have sent.
 */
final class ReservationDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ReservationDispatcher.class);

    private final EngineConfig config;
    private final Storage storage;
    private final DispatchQueue queue;
    private final DeliveryReports reports;
    /** The channel reports delivery: an accepted send is submitted and awaits its report. */
    private final boolean awaitsReports;

    private final UnitOfWork unitOfWork;
    private final ChannelInvoker channel;
    private final Runnable dueTimesChanged;
    private final IssueWindow window;
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
        this.reports = storage.deliveryReports();
        this.awaitsReports = config.channel().reportsDelivery();
        this.unitOfWork = unitOfWork;
        this.channel = channel;
        this.dueTimesChanged = dueTimesChanged;
        this.window = new IssueWindow(config.resultFlushInterval(), config.resultBatchSize());
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

    /** The dispatch of {@code id} is over and the scheduler no longer counts it as sending. */
    void forget(ReservationId id) {
        cancelRequested.remove(id);
    }

    void dispatch(ClaimedReservation r) {
        Run run = new Run(r);
        try {
            run.run();
        } catch (InterruptedException e) {
            // stopping: keep what the channel accepted, so the next holder does not send it again
            run.stopEarly();
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the lease runs out and this or another node resumes at the first unrecorded recipient
            log.error("dispatch of reservation {} failed; it resumes when its lease expires", r.id(), e);
        }
    }

    private boolean renewLease(ReservationId id, Instant now) {
        return storage.inTransaction(tx -> queue.renewLease(tx, id, config.nodeId(), now, config.lease()));
    }

    /** The state of one dispatch of one reservation. */
    private final class Run {
        private final ClaimedReservation r;
        /** The mark an earlier sender left: its deliveries without a result may have reached the channel. */
        private final int inherited;

        private final List<RecordedResult> unflushed = new ArrayList<>();
        private long oldestUnflushedNanos;
        /** This run may call the channel for deliveries up to here; the store has it before any such call. */
        private int mark;

        private int lastCalled = -1;
        private int callsSinceRaise;
        /** Time spent in channel calls since the last raise: the channel's pace, not the store's commits. */
        private long callNanosSinceRaise;

        private Instant leaseCheckAt;
        private boolean leaseLost;
        /** The customer asked to cancel: nothing new is sent. */
        private boolean cancelled;

        Run(ClaimedReservation r) {
            this.r = r;
            this.inherited = r.issuedThrough();
            this.mark = inherited;
        }

        void run() throws InterruptedException {
            cancelled = r.cancelRequested() || cancelRequested.contains(r.id());
            leaseCheckAt = now().plus(renewEvery);
            if (!cancelled) {
                // checked before the mark is first raised, and again until it is: once something may have been sent,
                // a rejection could no longer undo it
                Optional<String> violation =
                        inherited < 0 ? config.contentPolicy().violation(r.text(), config.channel()) : Optional.empty();
                if (!r.started()) {
                    start(violation.isEmpty());
                }
                if (violation.isPresent()) {
                    close(Closing.rejected(now(), violation.get()))
                            .ifPresent(s ->
                                    log.info("reservation {} rejected and compensated: {}", r.id(), violation.get()));
                    return;
                }
                if (!sendPending(Integer.MAX_VALUE)) {
                    return;
                }
                if (!cancelled) {
                    close(Closing.completed(now()));
                    return;
                }
            }
            // what an earlier sender may have handed to the channel goes again, with the same keys, so no accepted
            // send ends as not sent; the rest is cancelled unsent
            if (sendPending(inherited)) {
                close(Closing.cancelled(now()));
            }
        }

        private void start(boolean mayIssue) {
            int issueThrough = mayIssue ? window.size() - 1 : inherited;
            DispatchStarted started = new DispatchStarted(UUID.randomUUID(), r.id(), r.customerId(), now());
            if (unitOfWork.write(tx -> queue.startDispatch(tx, r.id(), config.nodeId(), started, issueThrough))) {
                mark = Math.max(mark, issueThrough);
            }
        }

        /**
         * Sends the pending deliveries up to {@code through}, in list order. True when none is left there (or, while
         * not cancelling, a cancel was seen) and every result is stored; false when this run must end now, its
         * reason already dealt with: lease lost, a retry deferred, or the engine stopping.
         */
        private boolean sendPending(int through) throws InterruptedException {
            boolean stopsOnCancel = !cancelled;
            int next = 0;
            while (true) {
                List<Delivery> batch = queue.pendingDeliveries(r.id(), next, config.deliveryBatchSize());
                if (batch.isEmpty()) {
                    return settle();
                }
                for (Delivery d : batch) {
                    int seq = d.sequence();
                    if (seq > through) {
                        return settle();
                    }
                    cancelled |= cancelRequested.contains(r.id());
                    if (stopsOnCancel && cancelled) {
                        return settle();
                    }
                    if (!running) {
                        stopEarly();
                        return false;
                    }
                    if (!renewLeaseIfDue() || seq > mark && !raiseMark(seq)) {
                        return false;
                    }
                    if (stopsOnCancel && cancelled) {
                        return settle(); // seen while raising the mark: this delivery was not sent
                    }
                    if (!send(d)) {
                        return false; // deferred for a retry
                    }
                    next = seq + 1;
                    if (unflushed.size() >= config.resultBatchSize()
                            || System.nanoTime() - oldestUnflushedNanos
                                    >= config.resultFlushInterval().toNanos()) {
                        flush();
                    }
                }
            }
        }

        /** Stores what is buffered; true if the lease is still held, so this run may go on to close. */
        private boolean settle() {
            flush();
            if (leaseLost) {
                log.info("lost reservation {} to another node", r.id());
            }
            return !leaseLost;
        }

        /** Raises the issue mark past {@code seq} before it is sent; false if the lease was lost meanwhile. */
        private boolean raiseMark(int seq) {
            int size = window.next(callsSinceRaise, callNanosSinceRaise);
            mark = seq + size - 1;
            callsSinceRaise = 0;
            callNanosSinceRaise = 0;
            writeResults(true);
            return !leaseLost;
        }

        /** Sends one delivery; false when it was deferred for a retry and this run is over. */
        private boolean send(Delivery d) throws InterruptedException {
            int attempt = d.attempts() + 1;
            OutboundMessage message = new OutboundMessage(
                    d.id(), d.id().toString(), r.customerId(), d.recipient(), r.subject(), r.text(), attempt);
            lastCalled = d.sequence();
            callsSinceRaise++;
            long calledAt = System.nanoTime();
            SendOutcome outcome = channel.send(message, config.resultFlushInterval(), this::flush);
            callNanosSinceRaise += System.nanoTime() - calledAt;
            Instant now = now();
            if (outcome instanceof SendOutcome.Accepted accepted) {
                buffer(SendResults.accepted(r, d, attempt, accepted.providerReference(), awaitsReports, now));
                return true;
            }
            if (outcome instanceof SendOutcome.PermanentFailure failure) {
                buffer(SendResults.failed(r, d, attempt, failure.reason(), true, now));
                return true;
            }
            String reason = ((SendOutcome.TransientFailure) outcome).reason();
            if (attempt >= config.retryPolicy().maxAttempts()) {
                String gaveUp = "gave up after " + attempt + " attempts: " + reason;
                buffer(SendResults.failed(r, d, attempt, gaveUp, false, now));
                return true;
            }
            // earlier results are stored before the lease is given up; a failed call may still have reached the
            // channel (a timeout), so the mark keeps it, cancel or not
            flush();
            if (!leaseLost) {
                Instant retryAt = now.plus(config.retryPolicy().backoffAfter(attempt));
                int issued = Math.max(d.sequence(), inherited);
                storage.inTransaction(
                        tx -> queue.deferDelivery(tx, d.id(), config.nodeId(), attempt, reason, retryAt, issued));
                dueTimesChanged.run();
            }
            return false;
        }

        private void buffer(RecordedResult result) {
            if (unflushed.isEmpty()) {
                oldestUnflushedNanos = System.nanoTime();
            }
            unflushed.add(result);
        }

        /** Writes buffered results, if any; also called by the watchdog while a channel call is slow. */
        private void flush() {
            writeResults(false);
        }

        /** Writes buffered results with the current mark; with {@code raised}, writes the mark even alone. */
        private void writeResults(boolean raised) {
            if (unflushed.isEmpty() && !raised) {
                return;
            }
            List<RecordedResult> results = List.copyOf(unflushed);
            int issueThrough = mark;
            List<DeliveryResult> submitted = awaitsReports ? SendResults.submitted(results) : List.of();
            Instant now = now();
            ResultAck ack = unitOfWork.write(tx -> {
                Written<ResultAck> recorded = queue.recordResults(tx, r.id(), config.nodeId(), results, issueThrough);
                // reports that came before these results were stored are applied with them
                return submitted.isEmpty()
                        ? recorded
                        : recorded.plus(
                                reports.submitted(tx, r.id(), submitted, now.plus(config.awaitReportsFor()), now));
            });
            unflushed.clear();
            leaseLost |= !ack.leaseHeld(); // another node holds the reservation now; the mark was not taken
            cancelled |= ack.cancelRequested();
        }

        private boolean renewLeaseIfDue() {
            Instant now = now();
            if (now.isBefore(leaseCheckAt)) {
                return true;
            }
            flush();
            if (leaseLost || !renewLease(r.id(), now)) {
                leaseLost = true;
                log.info("lost the lease on reservation {}; another node carries on", r.id());
                return false;
            }
            leaseCheckAt = now.plus(renewEvery);
            return true;
        }

        /** The engine is stopping: results stored, lease given up with what may have reached the channel. */
        void stopEarly() {
            flush();
            if (!leaseLost) {
                int issued = Math.max(lastCalled, inherited);
                storage.inTransaction(tx -> {
                    queue.releaseLease(tx, r.id(), config.nodeId(), issued);
                    return null;
                });
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

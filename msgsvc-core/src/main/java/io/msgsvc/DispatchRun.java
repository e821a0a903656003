package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationEvent.DispatchStarted;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.ResultAck;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dispatch of one claimed reservation, on one dispatching thread. Sends are issued strictly in list order, up to
 * the send window in flight at once (see {@link Pipeline}); a quick blocking channel is called on this thread
 * instead. A transient failure stops issuing after it, lets the calls in flight end and store their results, and
 * defers the reservation until its retry, which starts again at the failed recipient (the ones after it that were
 * accepted are not sent again). A throttled answer does the same without using up an attempt.
 */
final class DispatchRun {
    private static final Logger log = LoggerFactory.getLogger(DispatchRun.class);

    /** Why issuing stopped before the deliveries ran out. */
    private enum Stop {
        CANCELLED,
        DEFERRED,
        LEASE_LOST,
        STOPPING
    }

    private final ReservationDispatcher d;
    private final EngineConfig config;
    private final ClaimedReservation r;
    /** The mark an earlier sender left: its deliveries without a result may have reached the channel. */
    private final int inherited;

    private final Pipeline pipeline;
    private final ResultBuffer unflushed;
    /** This run may call the channel for deliveries up to here; the store has it before any such call. */
    private int mark;

    private int lastIssued = -1;
    private int callsSinceRaise;
    /** Channel time since the last raise (a pipelined call counts its share of the window): the channel's pace. */
    private long callNanosSinceRaise;

    /** The first delivery (lowest sequence) that must go again later, with its attempts and when. */
    private Delivery retry;

    private int retryAttempts;
    private String retryReason;
    private Instant retryAt;

    private Instant leaseCheckAt;
    private boolean leaseLost;
    /** The customer asked to cancel: nothing new is sent. */
    private boolean cancelled;

    DispatchRun(ReservationDispatcher dispatcher, ClaimedReservation r) {
        this.d = dispatcher;
        this.config = dispatcher.config;
        this.r = r;
        this.inherited = r.issuedThrough();
        this.mark = inherited;
        this.pipeline = new Pipeline(dispatcher.channel, config.channelTimeout());
        this.unflushed = new ResultBuffer(dispatcher, r.id());
    }

    void run() throws InterruptedException {
        cancelled = r.cancelRequested() || d.cancelRequested(r.id());
        leaseCheckAt = now().plus(d.renewEvery);
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
                        .ifPresent(
                                s -> log.info("reservation {} rejected and compensated: {}", r.id(), violation.get()));
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
        int issueThrough = mayIssue ? markSize(d.issueWindow.size()) - 1 : inherited;
        DispatchStarted started = new DispatchStarted(UUID.randomUUID(), r.id(), r.customerId(), now());
        if (d.unitOfWork.write(tx -> d.queue.startDispatch(tx, r.id(), config.nodeId(), started, issueThrough))) {
            mark = Math.max(mark, issueThrough);
        }
    }

    /**
     * Sends the pending deliveries up to {@code through}, in list order. True when none is left there (or, while not
     * cancelling, a cancel was seen) and every result is stored; false when this run must end now, its reason
     * already dealt with: lease lost, a retry deferred, or the engine stopping.
     */
    private boolean sendPending(int through) throws InterruptedException {
        boolean stopsOnCancel = !cancelled;
        PendingCursor pending = new PendingCursor(d.queue, r.id(), config.deliveryBatchSize(), through);
        Stop stop = null;
        while (true) {
            // answers already in are taken first, so a failure stops the issuing at once
            Pipeline.Ended answered;
            while (pipeline.inFlight() > 0 && (answered = pipeline.next(0)) != null) {
                if (!take(answered) && stop == null) {
                    stop = Stop.DEFERRED;
                }
            }
            Delivery next = stop == null && pipeline.inFlight() < d.sendWindow ? pending.peek() : null;
            if (next != null) {
                stop = mayIssue(next, stopsOnCancel);
                if (stop == null) {
                    pending.advance();
                    if (!issue(next)) {
                        stop = Stop.DEFERRED;
                    }
                }
            } else if (pipeline.inFlight() == 0) {
                break;
            } else {
                Pipeline.Ended ended = pipeline.next(waitNanos());
                if (ended != null && !take(ended)) {
                    stop = stop == null ? Stop.DEFERRED : stop;
                }
                if (!renewLeaseIfDue()) {
                    stop = Stop.LEASE_LOST;
                    pipeline.abandon(); // its results could no longer be stored: the next holder sends them again
                }
            }
            flushIfDue();
        }
        return finish(stop);
    }

    /** Null if {@code next} may be issued now; else why issuing stops. */
    private Stop mayIssue(Delivery next, boolean stopsOnCancel) {
        cancelled |= d.cancelRequested(r.id());
        if (stopsOnCancel && cancelled) {
            return Stop.CANCELLED;
        }
        if (!d.running()) {
            return Stop.STOPPING;
        }
        if (!renewLeaseIfDue() || next.sequence() > mark && !raiseMark(next.sequence())) {
            return Stop.LEASE_LOST;
        }
        return stopsOnCancel && cancelled ? Stop.CANCELLED : null; // seen while raising the mark: not sent
    }

    /** Issues one send; a quick blocking channel is called right here. False if it must go again later. */
    private boolean issue(Delivery delivery) throws InterruptedException {
        int attempt = delivery.attempts() + 1;
        OutboundMessage message = new OutboundMessage(
                delivery.id(),
                delivery.id().toString(),
                r.customerId(),
                delivery.recipient(),
                r.subject(),
                r.text(),
                attempt);
        lastIssued = delivery.sequence();
        callsSinceRaise++;
        if (d.sendWindow > 1 && (pipeline.inFlight() > 0 || !d.channel.callsAreQuick())) {
            pipeline.issue(delivery, message);
            return true;
        }
        long calledAt = System.nanoTime();
        SendOutcome outcome = d.channel.send(message, config.resultFlushInterval(), this::flush);
        return take(new Pipeline.Ended(delivery, attempt, outcome, System.nanoTime() - calledAt, false));
    }

    /** Takes one call's outcome: buffers its result, or notes the retry it needs (false). */
    private boolean take(Pipeline.Ended ended) {
        d.channel.tookNanos(ended.callNanos());
        callNanosSinceRaise += ended.pipelined() ? ended.callNanos() / d.sendWindow : ended.callNanos();
        Delivery delivery = ended.delivery();
        int attempt = ended.attempt();
        Instant now = now();
        SendOutcome outcome = ended.outcome();
        if (outcome instanceof SendOutcome.Accepted accepted) {
            unflushed.add(
                    SendResults.accepted(r, delivery, attempt, accepted.providerReference(), d.awaitsReports, now));
            return true;
        }
        if (outcome instanceof SendOutcome.PermanentFailure failure) {
            unflushed.add(SendResults.failed(r, delivery, attempt, failure.reason(), true, now));
            return true;
        }
        if (outcome instanceof SendOutcome.Throttled throttled) {
            // the provider's pace, not a failed attempt: the attempt is given back
            retryLater(delivery, attempt - 1, "throttled", now.plus(throttled.retryAfter()));
            return false;
        }
        String reason = ((SendOutcome.TransientFailure) outcome).reason();
        if (attempt >= config.retryPolicy().maxAttempts()) {
            unflushed.add(SendResults.failed(
                    r, delivery, attempt, "gave up after " + attempt + " attempts: " + reason, false, now));
            return true;
        }
        retryLater(delivery, attempt, reason, now.plus(config.retryPolicy().backoffAfter(attempt)));
        return false;
    }

    private void retryLater(Delivery delivery, int attempts, String reason, Instant at) {
        if (retry == null || delivery.sequence() < retry.sequence()) {
            retry = delivery;
            retryAttempts = attempts;
            retryReason = reason;
            retryAt = at;
        }
    }

    /** Every call has ended: stores what is buffered and deals with why issuing stopped. */
    private boolean finish(Stop stop) {
        if (stop == null || stop == Stop.CANCELLED) {
            return settle();
        }
        if (stop == Stop.STOPPING) {
            stopEarly();
            return false;
        }
        flush();
        if (stop == Stop.DEFERRED && !leaseLost) {
            // a failed call may still have reached the channel (a timeout), so the mark keeps what was issued
            int issued = Math.max(lastIssued, inherited);
            d.storage.inTransaction(tx -> d.queue.deferDelivery(
                    tx, retry.id(), config.nodeId(), retryAttempts, retryReason, retryAt, issued));
            d.dueTimesChanged.run();
        }
        return false;
    }

    /** Stores what is buffered; true if the lease is still held, so this run may go on to close. */
    private boolean settle() {
        flush();
        if (leaseLost) {
            log.info("lost reservation {} to another node", r.id());
        }
        return !leaseLost;
    }

    /** How long to wait for a call to end: until the buffered results are due to be written or the lease renewed. */
    private long waitNanos() {
        long wait = Math.min(Duration.between(now(), leaseCheckAt).toNanos(), unflushed.nanosUntilDue());
        return Math.max(0, wait);
    }

    /** Raises the issue mark past {@code seq} before it is sent; false if the lease was lost meanwhile. */
    private boolean raiseMark(int seq) {
        mark = seq + markSize(d.issueWindow.next(callsSinceRaise, callNanosSinceRaise)) - 1;
        callsSinceRaise = 0;
        callNanosSinceRaise = 0;
        writeResults(true);
        return !leaseLost;
    }

    /** A mark at least as wide as the send window (within the result batch size), so a raise is not per send. */
    private int markSize(int paced) {
        return Math.max(paced, Math.min(d.sendWindow, config.resultBatchSize()));
    }

    private void flushIfDue() {
        if (unflushed.due()) {
            flush();
        }
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
        ResultAck ack = unflushed.write(mark);
        leaseLost |= !ack.leaseHeld(); // another node holds the reservation now; the mark was not taken
        cancelled |= ack.cancelRequested();
    }

    private boolean renewLeaseIfDue() {
        Instant now = now();
        if (leaseLost) {
            return false;
        }
        if (now.isBefore(leaseCheckAt)) {
            return true;
        }
        flush();
        if (leaseLost || !d.renewLease(r.id(), now)) {
            leaseLost = true;
            log.info("lost the lease on reservation {}; another node carries on", r.id());
            return false;
        }
        leaseCheckAt = now.plus(d.renewEvery);
        return true;
    }

    /** The engine is stopping: results stored, lease given up with what may have reached the channel. */
    void stopEarly() {
        int issued = Math.max(lastIssued, inherited); // issued in order: the calls in flight are below it
        pipeline.abandon();
        flush();
        if (!leaseLost) {
            d.storage.inTransaction(tx -> {
                d.queue.releaseLease(tx, r.id(), config.nodeId(), issued);
                return null;
            });
        }
    }

    /** The run failed: the calls in flight are given up, and sent again by whoever holds the lease next. */
    void abandon() {
        pipeline.abandon();
    }

    private Optional<CloseSummary> close(Closing closing) {
        return d.unitOfWork.write(tx -> d.queue.close(tx, r.id(), config.nodeId(), closing));
    }

    private Instant now() {
        return config.clock().instant();
    }
}

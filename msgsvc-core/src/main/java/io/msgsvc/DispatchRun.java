package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationEvent.DispatchStarted;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.EventIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

    private final ReservationDispatcher d;
    private final EngineConfig config;
    private final ClaimedReservation r;
    /** The mark an earlier sender left: its deliveries without a result may have reached the channel. */
    private final int inherited;

    private final Pipeline pipeline;
    private final FairShare fairShare;
    private final ResultBuffer unflushed;
    /** The issue mark this run asks for; it calls the channel only up to the one the store has taken. */
    private final AskedMark mark;

    private final Deferral retry = new Deferral();
    private final Pacing pacing;
    private int lastIssued = -1;
    private Instant leaseCheckAt;
    private boolean leaseLost;
    /** The customer asked to cancel: nothing new is sent. */
    private boolean cancelled;

    DispatchRun(ReservationDispatcher dispatcher, ClaimedReservation r, SendTrace trace) {
        this.d = dispatcher;
        this.config = dispatcher.config;
        this.r = r;
        this.inherited = r.issuedThrough();
        this.mark = new AskedMark(dispatcher.issueWindow, dispatcher.sendWindow, config.resultBatchSize(), inherited);
        this.pipeline = new Pipeline(dispatcher.channel, config.channelTimeout(), trace);
        this.fairShare = new FairShare(config.dispatchSlice(), dispatcher.queue, config.clock());
        this.unflushed = new ResultBuffer(dispatcher, r.id(), inherited);
        this.pacing = new Pacing(dispatcher, r, retry, unflushed);
    }

    void run() throws InterruptedException {
        cancelled = r.cancelRequested() || d.cancelRequested(r.id()) || pacing.expired(); // expiry: as a cancel
        leaseCheckAt = now().plus(d.renewEvery);
        if (!cancelled) {
            // checked before the mark is first raised, and again until it is: once something may have been sent,
            // a rejection could no longer undo it
            Optional<String> violation = inherited < 0 ? d.violationAtDispatch(r) : Optional.empty();
            if (!r.started() && (violation.isEmpty() && pacing.putOffUnstarted() || !start(violation.isEmpty()))) {
                return; // waits unstarted for its windows to open, or the store refused the start
            }
            if (violation.isPresent()) {
                d.reject(r.id(), violation.get());
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
        // send ends as not sent; the rest is cancelled (or expired) unsent
        if (sendPending(inherited)) {
            close(pacing.cancelClosing(now()));
        }
    }

    /** Starts the dispatch; false if the store refused (paused since the claim): the run ends, its lease given up. */
    private boolean start(boolean mayIssue) {
        int issueThrough = mayIssue ? mark.first() : inherited;
        DispatchStarted started = new DispatchStarted(EventIds.next(), r.id(), r.customerId(), now());
        if (d.unitOfWork.write(tx -> d.queue.startDispatch(tx, r.id(), config.nodeId(), started, issueThrough))) {
            mark.started(issueThrough);
            unflushed.markStored(issueThrough);
            return true;
        }
        stopEarly();
        return false;
    }

    /**
     * Sends the pending deliveries up to {@code through}, in list order. True when none is left there (or, while not
     * cancelling, a cancel was seen) and every result is stored; false when this run must end now, its reason
     * already dealt with: lease lost, a retry deferred, or the engine stopping.
     */
    private boolean sendPending(int through) throws InterruptedException {
        boolean stopsOnCancel = !cancelled;
        OptOutFilter pending = new OptOutFilter(d, r, unflushed, inherited, through); // opted-out ones skipped
        StopReason stop = null;
        retry.clear();
        while (true) {
            // answers already in are taken first, so a failure stops the issuing at once
            for (Pipeline.Ended answered : pipeline.ended()) {
                stop = take(answered) ? stop : StopReason.afterFailure(stop);
            }
            Delivery next = stop == null && pipeline.inFlight() < d.sendWindow ? pending.peek() : null;
            if (next != null) {
                stop = mayIssue(next, stopsOnCancel);
                if (stop == StopReason.PACED) {
                    stop = awaitAnswer(Math.min(pacing.waitNanos(), waitNanos()), null);
                } else if (stop == null) {
                    pending.advance();
                    stop = issue(next) ? null : StopReason.afterFailure(null);
                }
            } else if (pipeline.inFlight() == 0) {
                break;
            } else {
                stop = awaitAnswer(waitNanos(), stop);
            }
            flushIfDue(stop == null);
        }
        return finish(stop);
    }

    /** Null if {@code next} may be issued now; else why issuing stops. */
    private StopReason mayIssue(Delivery next, boolean stopsOnCancel) {
        cancelled |= d.cancelRequested(r.id());
        if (stopsOnCancel && cancelled) {
            return StopReason.CANCELLED;
        }
        if (!d.running() || stopsOnCancel && unflushed.pauseSeen()) {
            return StopReason.STOPPING; // or paused: the calls in flight end, the lease goes with the mark kept
        }
        if (stopsOnCancel && fairShare.yieldNow()) {
            retry.note(next, next.attempts(), next.detail(), now()); // again at once, behind those that waited
            return StopReason.DEFERRED;
        }
        if (!renewLeaseIfDue()) {
            return StopReason.LEASE_LOST;
        }
        // before the mark (raised only for what is issued); not what goes again under a cancel: it had its permit
        StopReason paced = stopsOnCancel ? pacing.next(next) : null;
        if (paced != null) {
            return paced;
        }
        // the store may refuse the mark; a cancel may be seen while raising it: either way, not sent
        StopReason refused = next.sequence() > unflushed.markInStore() && !raiseMark(next.sequence())
                ? StopReason.markRefused(leaseLost, unflushed.pauseSeen() && !cancelled)
                : stopsOnCancel && cancelled ? StopReason.CANCELLED : null;
        if (refused != null && stopsOnCancel) {
            pacing.unused();
        }
        return refused;
    }

    /** Waits up to {@code maxNanos} for a call in flight to end, and takes its answer; renews the lease if due. */
    private StopReason awaitAnswer(long maxNanos, StopReason stop) throws InterruptedException {
        if (pipeline.inFlight() == 0) {
            TimeUnit.NANOSECONDS.sleep(maxNanos); // pacing, with nothing to take meanwhile
        } else {
            Pipeline.Ended ended = pipeline.next(maxNanos);
            if (ended != null && !take(ended)) {
                stop = StopReason.afterFailure(stop);
            }
        }
        // after a lost lease the calls in flight still end, and their results are stored
        return renewLeaseIfDue() ? stop : StopReason.LEASE_LOST;
    }

    /** Issues one send, sized on its text; a quick blocking channel is called here. False if it must go again. */
    private boolean issue(Delivery delivery) throws InterruptedException {
        int attempt = delivery.attempts() + 1;
        OutboundMessage message = d.sized(SendResults.message(r, delivery, attempt), delivery.sequence() <= inherited);
        lastIssued = delivery.sequence();
        if (!message.size().fits()) { // refused for its size: no channel call to time, no sending permit used
            return take(pacing.refused(delivery, attempt, message.size()));
        }
        mark.issued();
        if (d.sendWindow > 1 && (pipeline.inFlight() > 0 || !d.channel.callsAreQuick())) {
            pipeline.issue(delivery, message);
            return true;
        }
        long calledAt = System.nanoTime();
        SendOutcome outcome = d.channel.send(message, pipeline.trace(), config.resultFlushInterval(), this::flush);
        return take(Pipeline.Ended.called(delivery, attempt, outcome, calledAt, message.size()));
    }

    /** Takes one call's outcome: buffers its result, or notes the retry it needs (false). */
    private boolean take(Pipeline.Ended ended) {
        if (d.sendWindow > 1 && ended.size().fits()) { // only a window asks whether calls are quick
            d.channel.tookNanos(ended.callNanos());
        }
        mark.answered(ended.callNanos(), ended.pipelined());
        Delivery delivery = ended.delivery();
        int attempt = ended.attempt();
        Instant now = now();
        SendOutcome outcome = d.counts.answered(ended.outcome(), attempt); // retries and throttles counted
        if (outcome instanceof SendOutcome.Accepted accepted) {
            unflushed.add(SendResults.accepted(
                    r, delivery, attempt, accepted.providerReference(), d.awaitsReports, now, ended.size()));
            return true;
        }
        if (outcome instanceof SendOutcome.PermanentFailure failure) {
            unflushed.add(SendResults.failed(r, delivery, attempt, failure.reason(), true, now), ended.refused());
            return true;
        }
        if (outcome instanceof SendOutcome.Throttled throttled) {
            // the provider's pace, not a failed attempt: the attempt is given back
            Duration wait = RetryPolicy.throttledWait(throttled.retryAfter());
            if (throttled.wholeChannel()) {
                d.holdChannel(wait);
            }
            retry.note(delivery, attempt - 1, "throttled", now.plus(wait));
            return false;
        }
        String reason = ((SendOutcome.TransientFailure) outcome).reason();
        if (attempt >= config.retryPolicy().maxAttempts()) {
            String gaveUp = "gave up after " + attempt + " attempts: " + reason; // a decision, not an answer
            unflushed.add(SendResults.failed(r, delivery, attempt, gaveUp, false, now), true);
            return true;
        }
        retry.note(delivery, attempt, reason, now.plus(config.retryPolicy().backoffAfter(attempt)));
        return false;
    }

    /** Every call has ended: stores what is buffered and deals with why issuing stopped. */
    private boolean finish(StopReason stop) {
        if (stop == null || stop == StopReason.CANCELLED) { // true if the lease is still held: it may go on to close
            flush();
            if (leaseLost) {
                log.info("lost reservation {} to another node", r.id());
            }
            return !leaseLost;
        }
        // a pause with a failure among the last calls keeps that attempt and its backoff, as a deferral does
        if (stop == StopReason.STOPPING && (!d.running() || !retry.noted())) {
            stopEarly();
            return false;
        }
        flush();
        if (stop != StopReason.LEASE_LOST && !leaseLost) {
            retry.store(d, Math.max(lastIssued, inherited));
        }
        return false;
    }

    /** How long to wait for a call to end: until the buffered results are due to be written or the lease renewed. */
    private long waitNanos() {
        long untilLeaseCheck = leaseLost
                ? Long.MAX_VALUE
                : Duration.between(now(), leaseCheckAt).toNanos();
        return Math.max(0, Math.min(untilLeaseCheck, unflushed.nanosUntilDue()));
    }

    /** Raises the issue mark past {@code seq} before it is sent; false if the lease was lost meanwhile. */
    private boolean raiseMark(int seq) {
        if (mark.asked() < seq) { // else a raise asked ahead is in the write in progress
            mark.askFrom(seq);
        }
        writeResults(true);
        return !leaseLost && unflushed.markInStore() >= seq;
    }

    private void flushIfDue(boolean issuing) {
        boolean inBackground = pipeline.inFlight() > 0 && d.running();
        if (issuing && inBackground && !cancelled && mark.runningLow(lastIssued)) {
            mark.askFrom(lastIssued + 1); // ahead of need, so the issuing never waits for it
        }
        unflushed.writeIfDue(mark.asked(), inBackground);
        absorbAcks();
    }

    /** Writes buffered results, if any; also called by the watchdog while a channel call is slow. */
    private void flush() {
        writeResults(false);
    }

    /** Writes buffered results with the current mark; with {@code raised}, writes the mark even alone. */
    private void writeResults(boolean raised) {
        unflushed.write(mark.asked(), raised);
        absorbAcks();
    }

    private void absorbAcks() {
        leaseLost |= unflushed.leaseLost(); // another node holds the reservation now; the mark was not taken
        cancelled |= unflushed.cancelSeen();
    }

    private boolean renewLeaseIfDue() {
        Instant now = now();
        if (leaseLost || now.isBefore(leaseCheckAt)) {
            return !leaseLost;
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
        try {
            pipeline.ended().forEach(this::take); // answers already in are stored: the next holder skips them
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
        pipeline.abandon();
        flush();
        if (!leaseLost) {
            d.storage.inTransaction(tx -> {
                d.queue.releaseLease(tx, r.id(), config.nodeId(), issued);
                return null;
            });
        }
    }

    /** The run is over: the sending permits it took and did not use go back. */
    void giveBackPermits() {
        pacing.giveBackUnused();
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

package io.msgsvc;

import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.ResultAck;
import io.msgsvc.spi.Written;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * The send results of one dispatch not yet stored, and their storing: in one transaction with the issue mark, and
 * with the reports that came for them before they were stored. While sends are in flight a write may run on the
 * engine's writer threads, so the dispatching thread keeps the window full during the commit; what comes meanwhile
 * goes with the next write (one write in progress per dispatch). Touched by the dispatching thread only (and by the
 * watchdog while that thread waits inside a channel call).
 */
final class ResultBuffer {
    /** How often a dispatch waiting for answers looks whether its write in the background is done. */
    private static final long WRITE_POLL_NANOS = 1_000_000;

    private final ReservationDispatcher d;
    private final ReservationId id;
    private final List<RecordedResult> results = new ArrayList<>();
    private long oldestNanos;
    /** Longest a result waits to be written: the engine's flush interval, unless the dispatch is paced. */
    private long flushIntervalNanos;

    private CompletableFuture<ResultAck> writing;
    private List<RecordedResult> writingBatch = List.of();
    private int writingMark;
    /** The issue mark the store has taken (sends up to it may be issued), and the highest one written or asked. */
    private int markInStore;

    private int markAsked;
    /** What the writes so far answered: another node took the lease; a cancel was asked. */
    private boolean leaseLost;

    private boolean cancelSeen;

    private boolean pauseSeen;

    ResultBuffer(ReservationDispatcher dispatcher, ReservationId id, int markInStore) {
        this.d = dispatcher;
        this.id = id;
        this.markInStore = markInStore;
        this.markAsked = markInStore;
        this.flushIntervalNanos = dispatcher.config.resultFlushInterval().toNanos();
    }

    /**
     * The dispatch sends at a speed: its results may wait up to {@code nanos} (or the engine's interval, if longer),
     * so a slow trickle of results is written in few transactions rather than one each.
     */
    void flushAtLeastEvery(long nanos) {
        flushIntervalNanos = Math.max(flushIntervalNanos, nanos);
    }

    void add(RecordedResult result) {
        if (results.isEmpty()) {
            oldestNanos = System.nanoTime();
        }
        results.add(result);
    }

    /** Results waiting to be written (not counting a write in progress). */
    int buffered() {
        return results.size();
    }

    /** The mark the store has: sends up to it may be issued. */
    int markInStore() {
        return markInStore;
    }

    /** The store took {@code mark} outside these writes (when the dispatch started). */
    void markStored(int mark) {
        markInStore = Math.max(markInStore, mark);
        markAsked = Math.max(markAsked, mark);
    }

    boolean leaseLost() {
        return leaseLost;
    }

    boolean cancelSeen() {
        return cancelSeen;
    }

    /** The customer paused the reservation: the store said so, or this node was told. */
    boolean pauseSeen() {
        return pauseSeen || d.pauseRequested(id);
    }

    /** How long until results are due to be written (or a write in progress is worth a look); MAX_VALUE if never. */
    long nanosUntilDue() {
        if (writing != null) {
            return WRITE_POLL_NANOS;
        }
        return results.isEmpty() ? Long.MAX_VALUE : nanosUntilFlush();
    }

    /** How long until the oldest buffered result has waited the flush interval. */
    private long nanosUntilFlush() {
        return oldestNanos + flushIntervalNanos - System.nanoTime();
    }

    /**
     * Writes the results if they are due (full, or the oldest waited the flush interval), or the mark if a higher one
     * is wanted. With {@code inBackground} the write runs on the writer threads (unless one still runs: then they wait
     * for it), so a mark asked ahead of need is in the store before the sends reach it.
     */
    void writeIfDue(int markWanted, boolean inBackground) {
        if (writing != null && writing.isDone()) {
            awaitWriting();
        }
        boolean due = results.size() >= d.config.resultBatchSize()
                || !results.isEmpty() && nanosUntilFlush() <= 0
                || markWanted > markAsked;
        if (!due || writing != null && inBackground) {
            return;
        }
        if (inBackground) {
            List<RecordedResult> batch = List.copyOf(results);
            try {
                writing = CompletableFuture.supplyAsync(() -> store(batch, markWanted), d.writers);
                writingBatch = batch;
                writingMark = markWanted;
                markAsked = Math.max(markAsked, markWanted);
                results.clear();
                return;
            } catch (RejectedExecutionException stopping) { // the engine stopped meanwhile: written here instead
            }
        }
        write(markWanted, false);
    }

    /**
     * Stores the buffered results with the issue mark {@code issueThrough}, after the write in progress; with {@code
     * markAlone}, the mark even without results (unless the store has it already).
     */
    void write(int issueThrough, boolean markAlone) {
        awaitWriting();
        if (results.isEmpty() && (!markAlone || issueThrough <= markInStore)) {
            return;
        }
        markAsked = Math.max(markAsked, issueThrough);
        ResultAck ack = store(List.copyOf(results), issueThrough);
        results.clear(); // only once stored: a failed write keeps them for the next
        acknowledged(ack, issueThrough);
    }

    private void awaitWriting() {
        if (writing == null) {
            return;
        }
        CompletableFuture<ResultAck> done = writing;
        writing = null;
        try {
            acknowledged(done.join(), writingMark);
        } catch (CompletionException e) {
            results.addAll(0, writingBatch); // not stored: they go with the next write
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            writingBatch = List.of();
        }
    }

    private void acknowledged(ResultAck ack, int mark) {
        leaseLost |= !ack.leaseHeld();
        cancelSeen |= ack.cancelRequested();
        pauseSeen |= ack.pauseRequested();
        if (ack.leaseHeld() && !ack.cancelRequested() && !ack.pauseRequested()) { // else the store did not take it
            markInStore = Math.max(markInStore, mark);
        }
    }

    private ResultAck store(List<RecordedResult> batch, int issueThrough) {
        List<DeliveryResult> submitted = d.awaitsReports ? SendResults.submitted(batch) : List.of();
        String node = d.config.nodeId();
        Instant now = d.config.clock().instant();
        return d.unitOfWork.write(tx -> {
            Written<ResultAck> recorded = d.queue.recordResults(tx, id, node, batch, issueThrough);
            // reports that came before these results were stored are applied with them
            return submitted.isEmpty()
                    ? recorded
                    : recorded.plus(d.reports.submitted(tx, id, submitted, now.plus(d.config.awaitReportsFor()), now));
        });
    }
}

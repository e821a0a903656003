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
 *
 * <p>A channel's answer is recorded whoever wrote it down: it says what the channel did. A result that is the
 * engine's own decision (a skip, a send refused for its size, a retry given up) is recorded only while this node
 * holds the lease: its write first renews the lease in the same transaction, which keeps the reservation this
 * node's until the commit. A node that lost the lease without knowing it (it stalled) would otherwise end a
 * delivery that the lease's new holder is sending; the result the channel then gives that holder would be dropped.
 * Without the lease the decisions are dropped, the channel's answers in the batch still written, and the dispatch
 * learns it lost the lease; the holder decides for itself.
 */
final class ResultBuffer {
    /** How often a dispatch waiting for answers looks whether its write in the background is done. */
    private static final long WRITE_POLL_NANOS = 1_000_000;

    private final ReservationDispatcher d;
    private final ReservationId id;
    private final List<Buffered> results = new ArrayList<>();
    private long oldestNanos;
    /** Longest a result waits to be written: the engine's flush interval, unless the dispatch is paced. */
    private long flushIntervalNanos;

    private CompletableFuture<ResultAck> writing;
    private List<Buffered> writingBatch = List.of();
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

    /** Buffers the result of what the channel answered. */
    void add(RecordedResult result) {
        add(result, false);
    }

    /** Buffers a result; {@code decided}: the engine's own decision, recorded only while this node holds the lease. */
    void add(RecordedResult result, boolean decided) {
        if (results.isEmpty()) {
            oldestNanos = System.nanoTime();
        }
        results.add(new Buffered(result, decided));
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
            List<Buffered> batch = List.copyOf(results);
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

    private ResultAck store(List<Buffered> batch, int issueThrough) {
        List<RecordedResult> all = new ArrayList<>(batch.size());
        List<RecordedResult> answers = new ArrayList<>(batch.size());
        for (Buffered buffered : batch) {
            all.add(buffered.result());
            if (!buffered.decided()) {
                answers.add(buffered.result());
            }
        }
        boolean anyDecided = answers.size() < all.size();
        List<DeliveryResult> submitted = d.awaitsReports ? SendResults.submitted(answers) : List.of();
        String node = d.config.nodeId();
        Instant now = d.config.clock().instant();
        return d.unitOfWork.write(tx -> {
            // no extra statement unless the batch holds a decision; renewed here, the lease stays ours to the commit
            boolean held = !anyDecided || d.queue.renewLease(tx, id, node, now, d.config.lease());
            Written<ResultAck> recorded = d.queue.recordResults(tx, id, node, held ? all : answers, issueThrough);
            if (!held) { // the decisions are dropped, and the dispatch stops
                recorded = recorded.map(ResultBuffer::withoutLease);
            }
            // reports that came before these results were stored are applied with them
            return submitted.isEmpty()
                    ? recorded
                    : recorded.plus(d.reports.submitted(tx, id, submitted, now.plus(d.config.awaitReportsFor()), now));
        });
    }

    /** The store's answer, but without the lease: renewing it in the same transaction found another holder. */
    private static ResultAck withoutLease(ResultAck ack) {
        return new ResultAck(ack.recorded(), ack.cancelRequested(), false, ack.pauseRequested());
    }

    /** A result waiting to be written; {@code decided}: the engine's own decision, not a channel's answer. */
    private record Buffered(RecordedResult result, boolean decided) {}
}

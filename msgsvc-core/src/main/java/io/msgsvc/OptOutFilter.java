package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.OptOut;
import io.msgsvc.api.ReservationEvent.MsgSkipped;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.EventIds;
import io.msgsvc.spi.RecordedResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dispatch's pending deliveries without the opted-out ones. Before the next batch of pending deliveries is sent,
 * their addresses are looked up in one call (none while the lists are known empty, see {@link OptOutGate}); a
 * delivery whose address is on the customer's or the global list, for a scope that covers the reservation's kind, is
 * skipped: it ends {@code SKIPPED} with the opt-out as its detail, unsent and unbilled, its result written with the
 * send results, and only while this node still holds the lease (see {@link ResultBuffer}). An opt-out added
 * meanwhile stops the deliveries of the batches looked up after it; a send already issued stands, and so does every
 * delivery an earlier sender may have handed to the channel (up to its mark).
 */
final class OptOutFilter {
    /** The most deliveries looked up at once: an opt-out added while sending takes effect within this many. */
    static final int LOOKUP_BATCH = 100;

    private final ReservationDispatcher d;
    private final OptOutGate gate;
    private final ClaimedReservation r;
    private final ResultBuffer unflushed;
    /** Deliveries up to here may have reached the channel under an earlier sender: they go again, never skipped. */
    private final int inherited;

    private final PendingCursor pending;
    /** The deliveries up to this sequence were looked up. */
    private int checkedThrough = -1;

    private final Map<Integer, OptOut> hits = new HashMap<>();

    /** Over the pending deliveries of {@code r} up to {@code through}, read a page at a time. */
    OptOutFilter(
            ReservationDispatcher dispatcher,
            ClaimedReservation r,
            ResultBuffer unflushed,
            int inherited,
            int through) {
        this.d = dispatcher;
        this.gate = dispatcher.optOuts;
        this.r = r;
        this.unflushed = unflushed;
        this.inherited = inherited;
        this.pending = new PendingCursor(dispatcher.queue, r.id(), dispatcher.config.deliveryBatchSize(), through);
    }

    /**
     * The next pending delivery to send, not yet taken; the opted-out ones before it are skipped on the way (not
     * while the reservation is cancelled, paused or lost, or the engine stops: it is not their turn then). Null when
     * none is left.
     */
    Delivery peek() {
        Delivery next = pending.peek();
        while (next != null && maySkip()) {
            RecordedResult skip = skip(next, d.config.clock().instant());
            if (skip == null) {
                break;
            }
            pending.advance();
            unflushed.add(skip, true); // the engine's decision: recorded only while this node holds the lease
            if (unflushed.buffered() >= d.config.resultBatchSize()) {
                unflushed.write(unflushed.markInStore(), false); // a long run of skips is written as it goes
            }
            next = pending.peek();
        }
        return next;
    }

    /** Takes the delivery {@link #peek} returned. */
    void advance() {
        pending.advance();
    }

    private boolean maySkip() {
        return d.running()
                && !r.cancelRequested()
                && !d.cancelRequested(r.id())
                && !unflushed.cancelSeen()
                && !unflushed.leaseLost()
                && !unflushed.pauseSeen();
    }

    /** The result that skips {@code next} (to record instead of sending it), or null if it is to be sent. */
    private RecordedResult skip(Delivery next, Instant now) {
        if (next.sequence() <= inherited) {
            return null;
        }
        if (next.sequence() > checkedThrough) {
            lookUp(pending.upcoming(LOOKUP_BATCH));
        }
        OptOut hit = hits.remove(next.sequence());
        if (hit == null) {
            return null;
        }
        String detail = hit.skipDetail();
        return new RecordedResult(
                new DeliveryResult(next.id(), DeliveryState.SKIPPED, next.attempts(), detail, now),
                new MsgSkipped(EventIds.next(), r.id(), r.customerId(), now, next.id(), next.recipient(), detail));
    }

    private void lookUp(List<Delivery> batch) {
        hits.clear();
        checkedThrough = batch.get(batch.size() - 1).sequence();
        if (gate.knownEmpty()) {
            return; // the hot path while nobody opted out: not even the addresses are normalised
        }
        Map<String, List<Integer>> sequences = new HashMap<>();
        for (Delivery delivery : batch) {
            sequences
                    .computeIfAbsent(gate.normaliser.normalise(delivery.recipient()), a -> new ArrayList<>(1))
                    .add(delivery.sequence());
        }
        for (OptOut found : gate.lookup(r.customerId(), sequences.keySet())) {
            if (!found.covers(r.rules().kind())) {
                continue;
            }
            for (int seq : sequences.getOrDefault(found.address(), List.of())) {
                hits.merge(seq, found, (kept, other) -> kept.isGlobal() ? other : kept); // the customer's own first
            }
        }
    }
}

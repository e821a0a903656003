package io.msgsvc;

import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.DeliveryReports;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends claimed reservations, each on the dispatching thread that claimed it (see {@link DispatchRun}): their pending
 * deliveries strictly in list order, up to the send window in flight. Results are written in small batches (up to
 * {@code resultBatchSize}, never held longer than {@code resultFlushInterval}, and always before waiting on a slow
 * channel call), so a fast channel costs one transaction per batch and a slow one still shows each result at once.
 * Before it calls the channel beyond the reservation's issue mark a run raises the mark (see {@link IssueWindow}), so
 * a crash never leaves unknown which deliveries may have been sent. A run stops when the lease is lost, the customer
 * cancels or pauses, a transient failure must wait for its retry, or the engine stops; a cancelled reservation first
 * sends again what an earlier sender may have sent. What the runs of one engine share lives here.
 */
final class ReservationDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ReservationDispatcher.class);

    final EngineConfig config;
    final Storage storage;
    final DispatchQueue queue;
    final DeliveryReports reports;
    /** The channel reports delivery: an accepted send is submitted and awaits its report. */
    final boolean awaitsReports;
    /** Sends of one reservation in flight at once: the channel's own window, else the engine's. */
    final int sendWindow;

    final UnitOfWork unitOfWork;
    final ChannelInvoker channel;
    final Runnable dueTimesChanged;
    final IssueWindow issueWindow;
    /** Where pipelined dispatches write their results while they go on sending. */
    final ExecutorService writers;
    /** How often a sender renews its lease: often enough that a send begun just before is over before it ends. */
    final Duration renewEvery;
    /** Tells the engine's metrics of retries and throttles as the channel answers. */
    final EngineCounts counts;
    /** The opt-out lists, looked up before each batch of deliveries is sent. */
    final OptOutGate optOuts;
    /** Cancels asked of this node for reservations it is sending: checked before every send. */
    private final Set<ReservationId> cancelRequested = ConcurrentHashMap.newKeySet();
    /** Pauses asked of this node for reservations it is sending: checked before every send. */
    private final Set<ReservationId> pauseRequested = ConcurrentHashMap.newKeySet();

    private volatile boolean running = true;
    /** Until when the provider asked the whole channel to wait. */
    private volatile Instant channelHeldUntil = Instant.MIN;

    ReservationDispatcher(
            EngineConfig config, UnitOfWork unitOfWork, ChannelInvoker channel, Runnable dueTimesChanged) {
        this.config = config;
        this.storage = config.storage();
        this.queue = storage.dispatchQueue();
        this.reports = storage.deliveryReports();
        this.awaitsReports = config.channel().reportsDelivery();
        this.sendWindow = config.channel().window() > 0 ? config.channel().window() : config.sendWindow();
        this.unitOfWork = unitOfWork;
        this.channel = channel;
        this.dueTimesChanged = dueTimesChanged;
        this.issueWindow = new IssueWindow(config.resultFlushInterval(), config.resultBatchSize());
        this.writers = Executors.newCachedThreadPool(Threads.daemon("msgsvc-results-" + config.nodeId()));
        Duration third = config.lease().dividedBy(3);
        Duration halfOfSpare = config.lease().minus(config.channelTimeout()).dividedBy(2);
        this.renewEvery = third.compareTo(halfOfSpare) < 0 ? third : halfOfSpare;
        this.counts = new EngineCounts(config);
        this.optOuts = new OptOutGate(config);
    }

    void stop() {
        running = false;
        writers.shutdown(); // the writes in progress end; dispatches still running write on their own thread
    }

    boolean running() {
        return running;
    }

    void requestCancel(ReservationId id) {
        cancelRequested.add(id);
    }

    boolean cancelRequested(ReservationId id) {
        return cancelRequested.contains(id);
    }

    void requestPause(ReservationId id) {
        pauseRequested.add(id);
    }

    /** A resume: a dispatch still ending here after the pause need not stop for it. */
    void resumed(ReservationId id) {
        pauseRequested.remove(id);
    }

    boolean pauseRequested(ReservationId id) {
        return pauseRequested.contains(id);
    }

    /** The dispatch of {@code id} is over and the scheduler no longer counts it as sending. */
    void forget(ReservationId id) {
        cancelRequested.remove(id);
        pauseRequested.remove(id);
    }

    void dispatch(ClaimedReservation r) {
        SendTrace trace = config.tracing().forRun(r);
        DispatchRun run = new DispatchRun(this, r, trace);
        // set after the constructor, which may throw, so that the finally below always takes it off again
        String outer = LogContext.put(LogContext.RESERVATION_ID, trace.reservationId());
        try {
            run.run();
        } catch (InterruptedException e) {
            // stopping: keep what the channel accepted, so the next holder does not send it again
            run.stopEarly();
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            run.abandon();
            // the lease runs out and this or another node resumes at the first unrecorded recipient
            log.error("dispatch of reservation {} failed; it resumes when its lease expires", r.id(), e);
        } finally {
            run.giveBackPermits();
            LogContext.restore(LogContext.RESERVATION_ID, outer);
        }
    }

    /**
     * The provider asked the whole channel to wait {@code pause}: no dispatch here sends until then, nor, when the
     * channel has a speed, any other node (its shared bucket is emptied for that long).
     */
    void holdChannel(Duration pause) {
        Instant until = config.clock().instant().plus(pause);
        synchronized (this) { // the calls of a window throttled together hold it once, not once each
            if (!until.isAfter(channelHeldUntil)) {
                return;
            }
            channelHeldUntil = until;
        }
        SendingLimits limits = config.sendingLimits();
        try {
            limits.forChannel()
                    .ifPresent(speed -> storage.sendingPermits()
                            .holdBack(SendingAllowance.channelKey(limits.channelName(), speed), speed, pause));
        } catch (RuntimeException e) { // this node holds back all the same; the others find out by themselves
            log.warn("could not hold the channel's shared sending speed back", e);
        }
    }

    Instant channelHeldUntil() {
        return channelHeldUntil;
    }

    boolean renewLease(ReservationId id, Instant now) {
        return storage.inTransaction(tx -> queue.renewLease(tx, id, config.nodeId(), now, config.lease()));
    }

    /**
     * Why the reservation's text is rejected when its dispatch starts, if it is (see {@link ContentPolicy}). A
     * template is measured by its fixed text: if that overflows, every recipient's rendering does; a rendering that
     * overflows only by its values fails its own delivery when it is sized at its send.
     */
    Optional<String> violationAtDispatch(ClaimedReservation r) {
        return config.contentPolicy().violationAtDispatch(r.subject(), Template.fixedText(r.text()), config.channel());
    }

    /** Closes the reservation rejected for {@code violation} at its dispatch start: compensated, nothing sent. */
    void reject(ReservationId id, String violation) {
        Closing rejected = Closing.rejected(config.clock().instant(), violation);
        unitOfWork
                .write(tx -> queue.close(tx, id, config.nodeId(), rejected))
                .ifPresent(s -> log.info("reservation {} rejected and compensated: {}", id, violation));
    }

    /**
     * The send sized on the very text the channel is given. One at or below the mark an earlier sender left is never
     * refused for its size: that sender may have handed it to the provider already (see {@link ContentPolicy}).
     */
    OutboundMessage sized(OutboundMessage message, boolean mayHaveBeenSent) {
        return config.contentPolicy().sized(message, config.channel(), mayHaveBeenSent);
    }
}

package io.msgsvc;

import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.spi.BackgroundLoop;
import io.msgsvc.spi.TracePropagation.Span;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the host's channel so that a call that throws, hangs or is slow never stalls or kills a dispatcher: a throw
 * or a call past the timeout is a transient failure, and while a call is slow the caller's buffered results are
 * stored.
 *
 * <p>Supervised (the default), the call runs on the dispatching thread and one watchdog thread per engine looks at
 * the calls in progress every few milliseconds: it runs the caller's {@code whileWaiting} once a call outlasts its
 * patience, and interrupts a call that outlasts the timeout. That costs no thread hand-off per send. A channel that
 * ignores the interrupt keeps its dispatching thread until it returns; an answer that comes after the timeout
 * still counts (the channel's word on whether it sent). The slow-call action runs on the watchdog, so a slow store
 * delays the watchdog's look at other calls by as long. Isolated, each call runs on a thread of its
 * own and is abandoned at the timeout, whatever the channel does, at the price of two hand-offs per send.
 */
final class ChannelInvoker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChannelInvoker.class);
    private static final Duration BUSY_TICK = Duration.ofMillis(2);
    private static final Duration IDLE_TICK = Duration.ofMillis(20);
    /** Below this a blocking call is not worth a thread hand-off: no network round trip is that quick. */
    static final Duration QUICK_CALL = Duration.ofNanos(200_000);

    private final MessageChannel channel;
    private final Duration timeout;
    /** Each call on a thread of its own (isolated mode), rather than on the caller's under the watchdog. */
    private final boolean isolated;
    /** The threads isolated calls run on, and blocking calls issued while others are in flight (pipelined). */
    private final ExecutorService threads;
    /** Supervised mode: the calls in progress, which the watchdog looks at. */
    private final Set<Call> inProgress = ConcurrentHashMap.newKeySet();

    private final BackgroundLoop watchdog;

    /** The channel answers later: its calls are issued without a thread waiting on each. */
    private final AsyncMessageChannel async;
    /** A moving average of how long blocking calls take, which decides whether pipelining them pays. */
    private final AtomicLong averageCallNanos = new AtomicLong();
    /** Calls issued and not answered yet, on the dispatching threads and pipelined alike: a gauge, no lock. */
    final LongAdder inFlight = new LongAdder();

    ChannelInvoker(MessageChannel channel, Duration timeout, boolean isolated, String nodeId) {
        this.channel = channel;
        this.timeout = timeout;
        this.isolated = isolated;
        this.async = channel instanceof AsyncMessageChannel a ? a : null;
        // a cached pool starts no thread before its first call
        this.threads = Executors.newCachedThreadPool(Threads.daemon("msgsvc-channel-" + nodeId));
        this.watchdog = isolated
                ? null
                : BackgroundLoop.named("msgsvc-channel-watchdog-" + nodeId).start(this::watch);
    }

    /**
     * Never throws for channel trouble; throws InterruptedException when the engine is stopping.
     *
     * @param whileWaiting run once if the call is still going after {@code patience}: lets the caller store what it
     *                     has while a slow channel keeps it waiting. Never runs at the same time as the caller.
     */
    SendOutcome send(OutboundMessage message, SendTrace trace, Duration patience, Runnable whileWaiting)
            throws InterruptedException {
        if (!message.size().fits()) { // sized over the content policy's limit: the channel never sees it
            return SendOutcome.permanentFailure(message.size().violation());
        }
        inFlight.increment();
        Span span = trace.start(message);
        SendOutcome outcome = null;
        try {
            outcome = isolated
                    ? sendIsolated(message, trace, span, patience, whileWaiting)
                    : sendSupervised(message, trace, span, patience, whileWaiting);
            return outcome;
        } finally {
            SendTrace.end(span, outcome, null);
            inFlight.decrement();
        }
    }

    private SendOutcome sendSupervised(
            OutboundMessage message, SendTrace trace, Span span, Duration patience, Runnable whileWaiting)
            throws InterruptedException {
        long start = System.nanoTime();
        Call call = new Call(
                Thread.currentThread(),
                start + Math.min(patience.toNanos(), timeout.toNanos()),
                start + timeout.toNanos(),
                whileWaiting);
        inProgress.add(call);
        SendOutcome outcome = null;
        Throwable failure = null;
        boolean timedOut;
        try {
            outcome = trace.call(channel, message, span);
        } catch (Throwable e) { // an Error from host code is a failed send too, as on a thread of its own
            failure = e;
        } finally {
            inProgress.remove(call);
            timedOut = call.end();
        }
        if (failure != null && timedOut) {
            return timedOut();
        }
        if (failure instanceof InterruptedException stopping) {
            throw stopping;
        }
        // an answer, even a late one, is the truth about the send: a late "accepted" must not be sent again
        return outcomeOf(message.deliveryId(), outcome, failure);
    }

    private SendOutcome sendIsolated(
            OutboundMessage message, SendTrace trace, Span span, Duration patience, Runnable whileWaiting)
            throws InterruptedException {
        Future<SendOutcome> call = threads.submit(() -> trace.call(channel, message, span));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            SendOutcome outcome;
            try {
                outcome = call.get(Math.min(patience.toNanos(), timeout.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slow) {
                whileWaiting.run();
                outcome = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return outcomeOf(message.deliveryId(), outcome, null);
        } catch (TimeoutException e) {
            call.cancel(true);
            return timedOut();
        } catch (ExecutionException e) {
            return outcomeOf(message.deliveryId(), null, e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    /**
     * Whether the next send had better be called on the dispatching thread, waiting for its answer: a blocking
     * channel whose calls lately took less than {@link #QUICK_CALL} (an in-memory or same-host channel), where a
     * hand-off to another thread and back would cost more than the wait it saves. An asynchronous channel never is.
     */
    boolean callsAreQuick() {
        return async == null && averageCallNanos.get() < QUICK_CALL.toNanos();
    }

    /** How long a blocking call took: the pace {@link #callsAreQuick} follows (the last eight or so count). */
    void tookNanos(long nanos) {
        if (async == null) {
            averageCallNanos.accumulateAndGet(nanos, (average, call) -> average + (call - average) / 8);
        }
    }

    /**
     * Issues a call and returns at once; {@code answered} gets its outcome or failure, on whichever thread ends it.
     * The returned handle cancels the call (interrupting a blocking one).
     */
    Future<?> start(OutboundMessage message, SendTrace trace, BiConsumer<SendOutcome, Throwable> answered) {
        Span span = trace.start(message);
        BiConsumer<SendOutcome, Throwable> ended = SendTrace.ending(span, answered);
        if (async != null) {
            CompletableFuture<SendOutcome> answer;
            try {
                answer = Objects.requireNonNull(trace.callAsync(async, message, span), "sendAsync returned null")
                        .toCompletableFuture();
            } catch (Throwable e) { // the channel's own code threw before it could answer later
                ended.accept(null, e);
                return CompletableFuture.completedFuture(null);
            }
            answer.whenComplete(ended);
            return answer;
        }
        FutureTask<SendOutcome> call = new FutureTask<>(() -> trace.call(channel, message, span)) {
            @Override
            protected void done() {
                try {
                    ended.accept(get(), null);
                } catch (ExecutionException e) {
                    ended.accept(null, e.getCause());
                } catch (InterruptedException | CancellationException e) {
                    ended.accept(null, e); // cancelled: nobody waits for it any more
                }
            }
        };
        threads.execute(call);
        return call;
    }

    /** A channel's answer, or its failure, as the outcome the dispatcher records. */
    static SendOutcome outcomeOf(DeliveryId deliveryId, SendOutcome outcome, Throwable failure) {
        if (failure instanceof CompletionException wrapped && wrapped.getCause() != null) {
            failure = wrapped.getCause();
        }
        if (failure != null) {
            if (log.isDebugEnabled()) { // with the delivery in the MDC, wherever the answer is taken
                String outer = LogContext.put(LogContext.DELIVERY_ID, deliveryId.toString());
                log.debug("channel threw for {}", deliveryId, failure);
                LogContext.restore(LogContext.DELIVERY_ID, outer);
            }
            return SendOutcome.transientFailure("channel threw " + failure);
        }
        return outcome != null ? outcome : SendOutcome.transientFailure("channel returned no outcome");
    }

    /** A call past the timeout: a transient failure (it may have reached the provider; it goes again, same key). */
    SendOutcome timedOut() {
        return SendOutcome.transientFailure("channel did not answer within " + timeout);
    }

    /** One look of the watchdog at every call in progress; it looks again sooner while there are some. */
    private Duration watch() {
        long now = System.nanoTime();
        for (Call call : inProgress) {
            try {
                call.check(now);
            } catch (Throwable e) { // the watchdog must outlive whatever a slow-call action throws
                log.error("watching a channel call failed", e);
            }
        }
        return inProgress.isEmpty() ? IDLE_TICK : BUSY_TICK;
    }

    /** One supervised call. Its monitor orders the watchdog's actions against the caller's return. */
    private static final class Call {
        private final Thread caller;
        private final long patientUntil;
        private final long deadline;
        private final Runnable whileWaiting;
        private boolean waitedFor;
        private boolean timedOut;
        private boolean ended;

        Call(Thread caller, long patientUntil, long deadline, Runnable whileWaiting) {
            this.caller = caller;
            this.patientUntil = patientUntil;
            this.deadline = deadline;
            this.whileWaiting = whileWaiting;
        }

        /** On the watchdog: the slow-call action once, then the interrupt at the deadline. */
        synchronized void check(long now) {
            if (ended) {
                return;
            }
            if (!waitedFor && now - patientUntil >= 0) {
                waitedFor = true;
                try {
                    whileWaiting.run(); // the caller is inside the channel and cannot leave end() before this ends
                } catch (RuntimeException e) {
                    log.warn("storing results while a channel call was slow failed; the sender retries", e);
                }
            }
            if (!timedOut && now - deadline >= 0) {
                timedOut = true;
                caller.interrupt();
            }
        }

        /** On the caller, after the channel returned: true if the call had timed out (its interrupt is cleared). */
        synchronized boolean end() {
            ended = true;
            if (timedOut) {
                Thread.interrupted();
            }
            return timedOut;
        }
    }

    /** Channel calls in flight on this engine now (see {@link Pipeline} for the pipelined ones). */
    int callsInFlight() {
        return inFlight.intValue();
    }

    /** The pool of channel threads, for executor metrics. */
    ExecutorService threads() {
        return threads;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        if (watchdog != null) {
            watchdog.stop();
        }
    }
}

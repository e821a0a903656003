package io.msgsvc.spi;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationId;

/**
 * Carries the host's trace context from {@code Msgsvc.reserve} to each channel call and each projection, with no
 * tracing library in msgsvc itself: an adapter (msgsvc-micrometer's {@code MicrometerTracing}, or one of the host's)
 * bridges it to the host's tracer. The engine captures the caller's context once, at registration, and stores it
 * with the reservation; every later span starts from that stored context, on whichever node and after whatever
 * restart, so a reservation's sends and projections join the trace that registered it.
 *
 * <p>The default, {@link #none()}, captures nothing and starts nothing: the engine then makes no span and stores no
 * context. The engine never starts a span for a reservation registered outside any trace. Implementations must be
 * thread-safe; what they throw is logged and ignored, never a reason for a send or a projection to fail.
 */
public interface TracePropagation {

    /**
     * The calling thread's current trace context, as propagation fields. Called by {@code reserve} on the caller's
     * thread, before the reservation is stored.
     *
     * @return the context, or {@link TraceContext#NONE} outside any trace
     */
    TraceContext capture();

    /**
     * Starts the span of one channel call, a child of the context the reservation was registered in. Called on the
     * dispatching thread just before the call; ended once the channel answered (for an asynchronous channel, when
     * its stage completes, on whichever thread completes it).
     *
     * @param parent   the reservation's stored context, never empty
     * @param delivery the delivery sent: the reservation and the recipient's sequence in its list
     * @param attempt  1 for the first call, 2 for the first retry, ...
     * @return the started span
     */
    Span startSend(TraceContext parent, DeliveryId delivery, int attempt);

    /**
     * Starts the span of one projection applying a batch of events of one reservation, a child of the context the
     * reservation was registered in; on whichever node plays the projection's role.
     *
     * @param parent      the reservation's stored context, never empty
     * @param projection  the projection: {@code status}, {@code billing}, {@code statistics} or {@code dashboard}
     * @param reservation the reservation whose events are applied
     * @param events      how many of its events the batch holds
     * @return the started span
     */
    Span startProjection(TraceContext parent, String projection, ReservationId reservation, int events);

    /**
     * No tracing: nothing is captured, no span started, and the engine's hot path does no tracing work at all.
     *
     * @return the shared instance
     */
    static TracePropagation none() {
        return NoTracePropagation.INSTANCE;
    }

    /** A started span; {@link #end} is called exactly once. */
    interface Span {

        /**
         * Makes this span the current one on the calling thread (so the channel's own instrumentation nests under
         * it), until the returned scope is closed, on the same thread.
         *
         * @return the scope to close
         */
        Scope makeCurrent();

        /**
         * Ends the span.
         *
         * @param outcome what happened, in a word: for a send {@code accepted}, {@code permanent_failure},
         *                {@code throttled}, {@code transient_failure} or {@code abandoned} (the engine stopped waiting
         *                for it); for a projection {@code applied} or {@code failed}
         * @param error   what the channel or the projection threw, or null
         */
        void end(String outcome, Throwable error);
    }

    /** A span being current on one thread; closing it restores what was current before. */
    interface Scope extends AutoCloseable {
        /** Restores the span that was current before, on the thread that opened this scope. */
        @Override
        void close();
    }
}

/** {@link TracePropagation#none()}: a singleton with singleton span and scope, so tracing off allocates nothing. */
final class NoTracePropagation implements TracePropagation, TracePropagation.Span, TracePropagation.Scope {
    static final NoTracePropagation INSTANCE = new NoTracePropagation();

    private NoTracePropagation() {}

    @Override
    public TraceContext capture() {
        return TraceContext.NONE;
    }

    @Override
    public Span startSend(TraceContext parent, DeliveryId delivery, int attempt) {
        return this;
    }

    @Override
    public Span startProjection(TraceContext parent, String projection, ReservationId reservation, int events) {
        return this;
    }

    @Override
    public Scope makeCurrent() {
        return this;
    }

    @Override
    public void end(String outcome, Throwable error) {
        // nothing started
    }

    @Override
    public void close() {
        // nothing made current
    }

    @Override
    public String toString() {
        return "TracePropagation.none()";
    }
}

package io.msgsvc;

import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.Registrations;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.TraceContext;
import io.msgsvc.spi.TracePropagation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of the host's {@link TracePropagation}: captures the caller's context at registration, hands
 * each dispatch its reservation's stored context ({@link SendTrace}) and each projection the contexts of the
 * reservations it applies ({@link ProjectionTrace}). A failure of the host's tracer is logged and ignored. Off (the
 * default), nothing is captured or looked up and no span is started.
 */
final class Tracing {
    private static final Logger log = LoggerFactory.getLogger(Tracing.class);
    /** Contexts a projection looked up (or a registration captured) here, by reservation: each is read once. */
    private static final int REMEMBERED = 10_000;

    static final Tracing OFF = new Tracing(TracePropagation.none());

    private final TracePropagation port;
    private final boolean on;
    private final Map<ReservationId, TraceContext> remembered = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ReservationId, TraceContext> eldest) {
            return size() > REMEMBERED;
        }
    };

    private Tracing(TracePropagation port) {
        this.port = port;
        this.on = port != TracePropagation.none();
    }

    /** One per engine: the contexts it remembers are its own. */
    static Tracing of(TracePropagation port) {
        return port == TracePropagation.none() ? OFF : new Tracing(port);
    }

    boolean on() {
        return on;
    }

    TracePropagation port() {
        return port;
    }

    /** The caller's context, to store with the reservation {@code id} being registered. */
    TraceContext capture(ReservationId id) {
        if (!on) {
            return TraceContext.NONE;
        }
        TraceContext captured;
        try {
            captured = port.capture();
        } catch (RuntimeException e) {
            failed("capturing the trace context", e);
            return TraceContext.NONE;
        }
        captured = captured == null ? TraceContext.NONE : captured;
        remember(id, captured); // its Reserved event is projected next, often in this very transaction
        return captured;
    }

    /** What one dispatch of {@code r} sends under: its stored context and its ids for the MDC. */
    SendTrace forRun(ClaimedReservation r) {
        return new SendTrace(this, on ? r.traceContext() : TraceContext.NONE, r.id().toString());
    }

    /** The context {@code id} was registered in: remembered, else read in the projection's transaction. */
    TraceContext contextOf(StorageTx tx, Registrations registrations, ReservationId id) {
        TraceContext known;
        synchronized (remembered) {
            known = remembered.get(id);
        }
        if (known == null) {
            try {
                known = registrations.traceContext(tx, id);
            } catch (IllegalArgumentException unreadable) { // a stored value that does not decode: trace without it
                failed("reading the trace context of reservation " + id, unreadable);
                known = TraceContext.NONE;
            }
            remember(id, known == null ? TraceContext.NONE : known);
        }
        return known == null ? TraceContext.NONE : known;
    }

    private void remember(ReservationId id, TraceContext context) {
        synchronized (remembered) {
            remembered.put(id, context);
        }
    }

    /** The host's tracer threw: tracing never fails the engine's work. */
    static void failed(String what, RuntimeException e) {
        log.debug("{} failed; going on without it", what, e);
    }
}

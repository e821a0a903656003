package io.msgsvc.micrometer;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.TraceContext;
import io.msgsvc.spi.TracePropagation;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Trace propagation through Micrometer Tracing, and so through whatever tracer the host bridged it to
 * (OpenTelemetry with {@code micrometer-tracing-bridge-otel}, Brave with {@code micrometer-tracing-bridge-brave}):
 * {@code reserve} injects the current span's context with the host's {@link Propagator} (W3C {@code traceparent} and
 * {@code tracestate}, and {@code baggage} where the propagator writes it), and each channel call and projection
 * extracts it again and starts a child span.
 *
 * <pre>{@code
 * Msgsvc.builder().channel(sms).tracePropagation(MicrometerTracing.of(tracer, propagator)).build();
 * }</pre>
 *
 * <p>Spans: {@value #SEND_SPAN} (kind {@code CLIENT}) per channel call, tagged {@value #RESERVATION_TAG},
 * {@value #SEQUENCE_TAG}, {@value #ATTEMPT_TAG} and, when the channel answered, {@value #OUTCOME_TAG}
 * ({@code accepted}, {@code permanent_failure}, {@code throttled}, {@code transient_failure}, {@code abandoned});
 * {@value #PROJECTION_SPAN} per projection apply and reservation, tagged {@value #PROJECTION_TAG}
 * ({@code status}, {@code billing}, {@code statistics}, {@code dashboard}), {@value #RESERVATION_TAG},
 * {@value #EVENTS_TAG} and {@value #OUTCOME_TAG} ({@code applied}, {@code failed}). Thread-safe.
 */
public final class MicrometerTracing implements TracePropagation {
    /** The name of a channel call's span. */
    public static final String SEND_SPAN = "msgsvc.send";
    /** The name of a projection apply's span. */
    public static final String PROJECTION_SPAN = "msgsvc.project";
    /** The reservation's id. */
    public static final String RESERVATION_TAG = "msgsvc.reservation.id";
    /** The recipient's position in the reservation's list, from 0. */
    public static final String SEQUENCE_TAG = "msgsvc.delivery.sequence";
    /** 1 for a delivery's first channel call, 2 for its first retry, ... */
    public static final String ATTEMPT_TAG = "msgsvc.attempt";
    /** What came of the call or the apply, in a word. */
    public static final String OUTCOME_TAG = "msgsvc.outcome";
    /** Which projection applied the events. */
    public static final String PROJECTION_TAG = "msgsvc.projection";
    /** How many of the reservation's events the batch held. */
    public static final String EVENTS_TAG = "msgsvc.events";

    /** The fields kept when the whole context would not fit a storage's column: the trace without its baggage. */
    private static final String TRACEPARENT = "traceparent";

    private static final String TRACESTATE = "tracestate";

    private final Tracer tracer;
    private final Propagator propagator;

    private MicrometerTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * @param tracer     the host's tracer, whose current span {@code reserve} continues
     * @param propagator the host's propagator: it writes the stored fields and reads them back
     * @return trace propagation for {@code Msgsvc.builder().tracePropagation(...)}
     * @throws NullPointerException naming the argument that is null
     */
    public static MicrometerTracing of(Tracer tracer, Propagator propagator) {
        return new MicrometerTracing(
                Objects.requireNonNull(tracer, "tracer"), Objects.requireNonNull(propagator, "propagator"));
    }

    @Override
    public TraceContext capture() {
        io.micrometer.tracing.Span current = tracer.currentSpan();
        if (current == null) {
            return TraceContext.NONE;
        }
        Map<String, String> fields = new HashMap<>();
        propagator.inject(current.context(), fields, (carrier, name, value) -> carrier.put(name, value));
        return fitted(fields);
    }

    @Override
    public Span startSend(TraceContext parent, DeliveryId delivery, int attempt) {
        io.micrometer.tracing.Span span = child(parent)
                .name(SEND_SPAN)
                .kind(io.micrometer.tracing.Span.Kind.CLIENT)
                .tag(RESERVATION_TAG, delivery.reservationId().toString())
                .tag(SEQUENCE_TAG, delivery.sequence())
                .tag(ATTEMPT_TAG, attempt)
                .start();
        return new Started(span);
    }

    @Override
    public Span startProjection(TraceContext parent, String projection, ReservationId reservation, int events) {
        io.micrometer.tracing.Span span = child(parent)
                .name(PROJECTION_SPAN)
                .tag(PROJECTION_TAG, projection)
                .tag(RESERVATION_TAG, reservation.toString())
                .tag(EVENTS_TAG, events)
                .start();
        return new Started(span);
    }

    private io.micrometer.tracing.Span.Builder child(TraceContext parent) {
        return propagator.extract(parent.fields(), (carrier, name) -> carrier.get(name));
    }

    /** The fields, or only the trace's own when baggage makes them too long to store, or none if even those are. */
    private static TraceContext fitted(Map<String, String> fields) {
        try {
            return TraceContext.of(fields);
        } catch (IllegalArgumentException tooLong) {
            Map<String, String> trace = new HashMap<>();
            if (fields.containsKey(TRACEPARENT)) {
                trace.put(TRACEPARENT, fields.get(TRACEPARENT));
                if (fields.containsKey(TRACESTATE)) {
                    trace.put(TRACESTATE, fields.get(TRACESTATE));
                }
            }
            try {
                return TraceContext.of(trace);
            } catch (IllegalArgumentException stillTooLong) {
                return TraceContext.NONE;
            }
        }
    }

    @Override
    public String toString() {
        return "MicrometerTracing[" + tracer + ", " + propagator + "]";
    }

    /** A started Micrometer span ({@code Span} and {@code Scope} here are msgsvc's, inherited from the port). */
    private final class Started implements Span {
        private final io.micrometer.tracing.Span span;

        Started(io.micrometer.tracing.Span span) {
            this.span = span;
        }

        @Override
        public Scope makeCurrent() {
            Tracer.SpanInScope scope = tracer.withSpan(span);
            return scope::close;
        }

        @Override
        public void end(String outcome, Throwable error) {
            if (outcome != null) {
                span.tag(OUTCOME_TAG, outcome);
            }
            if (error != null) {
                span.error(error);
            }
            span.end();
        }
    }
}

package io.msgsvc;

import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.spi.TraceContext;
import io.msgsvc.spi.TracePropagation.Scope;
import io.msgsvc.spi.TracePropagation.Span;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.slf4j.MDC;

/**
 * What the channel calls of one dispatch run under: the reservation's stored trace context (one span per call, made
 * current on the thread that calls the channel and ended when the call ends, for an asynchronous channel when its
 * stage completes) and the reservation and delivery ids in the MDC of the thread that calls. Without a context
 * (tracing off, or a reservation registered outside any trace) a send costs the MDC puts and nothing else: the
 * span and scope are shared constants.
 */
final class SendTrace {
    /** No span: nothing to start, make current or end. */
    static final Span NO_SPAN = new Span() {
        @Override
        public Scope makeCurrent() {
            return NO_SCOPE;
        }

        @Override
        public void end(String outcome, Throwable error) {
            // nothing started
        }
    };

    private static final Scope NO_SCOPE = () -> {};
    /** A channel that answered nothing: a transient failure, as the engine counts it. */
    private static final SendOutcome NO_ANSWER = SendOutcome.transientFailure("channel returned no outcome");

    private final Tracing tracing;
    private final TraceContext context;
    private final String reservationId;

    SendTrace(Tracing tracing, TraceContext context, String reservationId) {
        this.tracing = tracing;
        this.context = context;
        this.reservationId = reservationId;
    }

    String reservationId() {
        return reservationId;
    }

    /** Starts the span of one call, on the dispatching thread just before it. */
    Span start(OutboundMessage message) {
        if (context.isEmpty()) {
            return NO_SPAN;
        }
        try {
            Span span = tracing.port().startSend(context, message.deliveryId(), message.attempt());
            return span != null ? new CallSpan(span) : NO_SPAN;
        } catch (RuntimeException e) {
            Tracing.failed("starting a send span", e);
            return NO_SPAN;
        }
    }

    /** Calls a blocking channel with the ids in the MDC and {@code span} current, on whatever thread runs it. */
    SendOutcome call(MessageChannel channel, OutboundMessage message, Span span) throws Exception {
        String outerReservation = enterReservation();
        String outerDelivery = LogContext.put(LogContext.DELIVERY_ID, message.idempotencyKey());
        Scope scope = current(span);
        try {
            return channel.send(message);
        } catch (Throwable e) {
            if (span instanceof CallSpan traced) {
                traced.thrown = e; // for the span's end, after the engine has made an outcome of it
            }
            throw e;
        } finally {
            leave(scope, outerReservation, outerDelivery);
        }
    }

    /** Issues an asynchronous call the same way; its span ends with the stage ({@link #ending}). */
    CompletionStage<SendOutcome> callAsync(AsyncMessageChannel channel, OutboundMessage message, Span span) {
        String outerReservation = enterReservation();
        String outerDelivery = LogContext.put(LogContext.DELIVERY_ID, message.idempotencyKey());
        Scope scope = current(span);
        try {
            return channel.sendAsync(message);
        } finally {
            leave(scope, outerReservation, outerDelivery);
        }
    }

    /** {@code answered}, ending {@code span} first; itself when there is no span. */
    static BiConsumer<SendOutcome, Throwable> ending(Span span, BiConsumer<SendOutcome, Throwable> answered) {
        if (span == NO_SPAN) {
            return answered;
        }
        return (outcome, failure) -> {
            end(span, outcome != null || failure != null ? outcome : NO_ANSWER, failure);
            answered.accept(outcome, failure);
        };
    }

    /** Ends a call's span with the engine's outcome of it; null: the engine stopped waiting for the call. */
    static void end(Span span, SendOutcome outcome, Throwable failure) {
        if (span == NO_SPAN) {
            return;
        }
        Throwable error = failure != null ? failure : ((CallSpan) span).thrown;
        try {
            span.end(outcomeName(outcome, error), error);
        } catch (RuntimeException e) {
            Tracing.failed("ending a send span", e);
        }
    }

    static String outcomeName(SendOutcome outcome, Throwable failure) {
        if (outcome instanceof SendOutcome.Accepted) {
            return "accepted";
        } else if (outcome instanceof SendOutcome.PermanentFailure) {
            return "permanent_failure";
        } else if (outcome instanceof SendOutcome.Throttled) {
            return "throttled";
        } else if (outcome == null
                && (failure == null
                        || failure instanceof CancellationException
                        || failure instanceof InterruptedException)) {
            return "abandoned"; // past the timeout, or the engine stopped: the engine no longer waits for it
        }
        return "transient_failure"; // a throw or a missing answer count as one too
    }

    private static Scope current(Span span) {
        if (span == NO_SPAN) {
            return NO_SCOPE;
        }
        try {
            Scope scope = span.makeCurrent();
            return scope != null ? scope : NO_SCOPE;
        } catch (RuntimeException e) {
            Tracing.failed("making a send span current", e);
            return NO_SCOPE;
        }
    }

    /**
     * Puts the reservation's id unless the thread has it already, as the dispatching thread has (this very string,
     * put for the whole run): one MDC put per send there, not two. Returns what to restore.
     */
    private String enterReservation() {
        String outer = MDC.get(LogContext.RESERVATION_ID);
        if (outer != reservationId) { // identity: only the run's own put is left alone
            MDC.put(LogContext.RESERVATION_ID, reservationId);
        }
        return outer;
    }

    private void leave(Scope scope, String outerReservation, String outerDelivery) {
        try {
            scope.close();
        } catch (RuntimeException e) {
            Tracing.failed("closing a send span's scope", e);
        } finally {
            LogContext.restore(LogContext.DELIVERY_ID, outerDelivery);
            if (outerReservation != reservationId) {
                LogContext.restore(LogContext.RESERVATION_ID, outerReservation);
            }
        }
    }

    /** The host's span of one call, and what the channel threw, if it did. */
    private static final class CallSpan implements Span {
        private final Span span;
        private volatile Throwable thrown;

        CallSpan(Span span) {
            this.span = span;
        }

        @Override
        public Scope makeCurrent() {
            return span.makeCurrent();
        }

        @Override
        public void end(String outcome, Throwable error) {
            span.end(outcome, error);
        }
    }
}

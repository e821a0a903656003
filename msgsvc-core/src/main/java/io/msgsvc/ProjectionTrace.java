package io.msgsvc;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.Registrations;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.TraceContext;
import io.msgsvc.spi.TracePropagation.Scope;
import io.msgsvc.spi.TracePropagation.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one projection's apply of one batch runs under: a span per reservation of the batch that was registered in
 * a trace, started from its stored context (current on this thread when there is one), and the reservation's id
 * (with the delivery's, for a batch of one event about one delivery) in the MDC when the batch is about one
 * reservation, as a dispatch's batches are. A batch of many reservations from a transport gets one span for each,
 * around the one transaction that applies them all.
 */
final class ProjectionTrace {
    private static final ProjectionTrace NONE = new ProjectionTrace(List.of(), null, null);

    private final List<Span> spans;
    private final Scope scope;
    private final ReservationId reservation;
    private final DeliveryId delivery;
    private final String outerReservation;
    private final String outerDelivery;

    private ProjectionTrace(List<Span> spans, ReservationId reservation, DeliveryId delivery) {
        this.spans = spans;
        this.reservation = reservation;
        this.delivery = delivery;
        this.outerReservation =
                reservation != null ? LogContext.put(LogContext.RESERVATION_ID, reservation.toString()) : null;
        this.outerDelivery = delivery != null ? LogContext.put(LogContext.DELIVERY_ID, delivery.toString()) : null;
        this.scope = spans.size() == 1 ? current(spans.get(0)) : null;
    }

    /** Begins the apply of {@code events} by {@code projection}; {@link #leave} ends it. */
    static ProjectionTrace enter(
            Tracing tracing,
            String projection,
            StorageTx tx,
            Registrations registrations,
            List<ReservationEvent> events) {
        ReservationId only = onlyReservation(events);
        List<Span> spans = tracing.on() ? spans(tracing, projection, tx, registrations, events) : List.of();
        if (only == null && spans.isEmpty()) {
            return NONE;
        }
        return new ProjectionTrace(spans, only, only != null && events.size() == 1 ? deliveryOf(events.get(0)) : null);
    }

    /** Ends the spans ({@code failure}: what the apply threw, or null) and gives the MDC back. */
    void leave(Throwable failure) {
        if (scope != null) {
            try {
                scope.close();
            } catch (RuntimeException e) {
                Tracing.failed("closing a projection span's scope", e);
            }
        }
        for (Span span : spans) {
            try {
                span.end(failure == null ? "applied" : "failed", failure);
            } catch (RuntimeException e) {
                Tracing.failed("ending a projection span", e);
            }
        }
        if (delivery != null) {
            LogContext.restore(LogContext.DELIVERY_ID, outerDelivery);
        }
        if (reservation != null) {
            LogContext.restore(LogContext.RESERVATION_ID, outerReservation);
        }
    }

    private static List<Span> spans(
            Tracing tracing,
            String projection,
            StorageTx tx,
            Registrations registrations,
            List<ReservationEvent> events) {
        Map<ReservationId, Integer> counts = new LinkedHashMap<>();
        for (ReservationEvent event : events) {
            counts.merge(event.reservationId(), 1, Integer::sum);
        }
        List<Span> spans = new ArrayList<>(counts.size());
        counts.forEach((id, count) -> {
            TraceContext context = tracing.contextOf(tx, registrations, id);
            if (!context.isEmpty()) {
                try {
                    Span span = tracing.port().startProjection(context, projection, id, count);
                    if (span != null) {
                        spans.add(span);
                    }
                } catch (RuntimeException e) {
                    Tracing.failed("starting a projection span", e);
                }
            }
        });
        return spans;
    }

    private static Scope current(Span span) {
        try {
            return span.makeCurrent();
        } catch (RuntimeException e) {
            Tracing.failed("making a projection span current", e);
            return null;
        }
    }

    /** The one reservation every event is about, or null. */
    private static ReservationId onlyReservation(List<ReservationEvent> events) {
        ReservationId only = events.isEmpty() ? null : events.get(0).reservationId();
        for (ReservationEvent event : events) {
            if (!event.reservationId().equals(only)) {
                return null;
            }
        }
        return only;
    }

    private static DeliveryId deliveryOf(ReservationEvent event) {
        if (event instanceof ReservationEvent.MsgSent e) {
            return e.deliveryId();
        } else if (event instanceof ReservationEvent.MsgSubmitted e) {
            return e.deliveryId();
        } else if (event instanceof ReservationEvent.SendFailed e) {
            return e.deliveryId();
        } else if (event instanceof ReservationEvent.DeliveryReported e) {
            return e.deliveryId();
        } else if (event instanceof ReservationEvent.ReportTimedOut e) {
            return e.deliveryId();
        }
        return null;
    }
}

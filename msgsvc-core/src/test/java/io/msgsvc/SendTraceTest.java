package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.TraceContext;
import io.msgsvc.spi.TracePropagation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The MDC and scopes around a channel call and a projection apply are put, and given back, on the calling thread. */
class SendTraceTest {
    private final ReservationId id = ReservationId.random();
    private final OutboundMessage message =
            new OutboundMessage(new DeliveryId(id, 4), id + "/4", "acme", "+100", null, "Hi", 1);

    @AfterEach
    void clear() {
        MDC.clear();
    }

    private static Map<String, String> mdc() {
        Map<String, String> copy = MDC.getCopyOfContextMap();
        return copy == null ? Map.of() : new HashMap<>(copy);
    }

    @Test
    void aCallSeesItsIdsAndTheThreadGetsItsOwnBackEvenWhenTheChannelThrows() throws Exception {
        SendTrace trace = new SendTrace(Tracing.OFF, TraceContext.NONE, id.toString());
        List<Map<String, String>> seen = new ArrayList<>();
        MDC.put(LogContext.DELIVERY_ID, "outer");

        SendOutcome outcome = trace.call(
                m -> {
                    seen.add(mdc());
                    return SendOutcome.accepted("ref");
                },
                message,
                trace.start(message));
        MessageChannel throwing = m -> {
            throw new IllegalStateException("down");
        };
        assertThatThrownBy(() -> trace.call(throwing, message, SendTrace.NO_SPAN))
                .hasMessage("down");

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(seen)
                .containsExactly(Map.of(LogContext.RESERVATION_ID, id.toString(), LogContext.DELIVERY_ID, id + "/4"));
        assertThat(mdc()).isEqualTo(Map.of(LogContext.DELIVERY_ID, "outer"));
    }

    @Test
    void withoutAContextASendStartsNoSpanAndAsksTheTracerNothing() {
        List<String> asked = new ArrayList<>();
        Tracing tracing = Tracing.of(new RecordingPropagation(asked));
        SendTrace untraced = new SendTrace(tracing, TraceContext.NONE, id.toString());

        BiConsumer<SendOutcome, Throwable> answered = (outcome, failure) -> {};

        assertThat(untraced.start(message)).isSameAs(SendTrace.NO_SPAN);
        assertThat(SendTrace.ending(SendTrace.NO_SPAN, answered))
                .as("nothing wraps it")
                .isSameAs(answered);
        assertThat(asked).isEmpty();
    }

    @Test
    void aProjectionOfOneReservationPutsItsIdsAndEndsItsSpanWithTheFailure() {
        List<String> asked = new ArrayList<>();
        Tracing tracing = Tracing.of(new RecordingPropagation(asked));
        InMemoryStorage storage = new InMemoryStorage();
        TraceContext registeredIn =
                TraceContext.of(Map.of("traceparent", "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01"));
        assertThat(tracing.capture(id)).isEqualTo(registeredIn); // remembered: no read of the storage needed
        ReservationEvent sent = new ReservationEvent.SendFailed(
                UUID.randomUUID(), id, "acme", Instant.now(), new DeliveryId(id, 2), "+100", 1, "no", true);
        MDC.put(LogContext.RESERVATION_ID, "outer");

        Map<String, String> during = storage.inTransaction(tx -> {
            ProjectionTrace trace =
                    ProjectionTrace.enter(tracing, "billing", tx, storage.registrations(), List.of(sent));
            Map<String, String> now = mdc();
            trace.leave(new IllegalStateException("pricing failed"));
            return now;
        });

        assertThat(during)
                .isEqualTo(Map.of(LogContext.RESERVATION_ID, id.toString(), LogContext.DELIVERY_ID, id + "/2"));
        assertThat(mdc()).isEqualTo(Map.of(LogContext.RESERVATION_ID, "outer"));
        assertThat(asked)
                .containsExactly(
                        "capture",
                        "startProjection billing " + id + " 1",
                        "makeCurrent",
                        "closeScope",
                        "end failed pricing failed");
    }

    /** Notes what the engine asks of the host's tracer. */
    private record RecordingPropagation(List<String> asked) implements TracePropagation {
        @Override
        public TraceContext capture() {
            asked.add("capture");
            return TraceContext.of(Map.of("traceparent", "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01"));
        }

        @Override
        public Span startSend(TraceContext parent, DeliveryId delivery, int attempt) {
            asked.add("startSend " + delivery);
            return span();
        }

        @Override
        public Span startProjection(TraceContext parent, String projection, ReservationId reservation, int events) {
            asked.add("startProjection " + projection + " " + reservation + " " + events);
            return span();
        }

        private Span span() {
            return new Span() {
                @Override
                public Scope makeCurrent() {
                    asked.add("makeCurrent");
                    return () -> asked.add("closeScope");
                }

                @Override
                public void end(String outcome, Throwable error) {
                    asked.add("end " + outcome + " " + (error == null ? "" : error.getMessage()));
                }
            };
        }
    }
}

package io.msgsvc.micrometer;

import static io.msgsvc.micrometer.MicrometerTracing.ATTEMPT_TAG;
import static io.msgsvc.micrometer.MicrometerTracing.OUTCOME_TAG;
import static io.msgsvc.micrometer.MicrometerTracing.PROJECTION_SPAN;
import static io.msgsvc.micrometer.MicrometerTracing.PROJECTION_TAG;
import static io.msgsvc.micrometer.MicrometerTracing.RESERVATION_TAG;
import static io.msgsvc.micrometer.MicrometerTracing.SEND_SPAN;
import static io.msgsvc.micrometer.MicrometerTracing.SEQUENCE_TAG;
import static io.msgsvc.micrometer.Spans.childOf;
import static io.msgsvc.micrometer.Spans.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.tracing.Span;
import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.RetryPolicy;
import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.spi.TraceContext;
import io.msgsvc.spi.TracePropagation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory engine continues the trace a reservation was registered in: every channel call and projection. */
class InMemoryTracingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final OtelTracing tracing = new OtelTracing();
    private final List<Msgsvc> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(Msgsvc::close);
        tracing.close();
    }

    private Msgsvc start(MsgsvcBuilder builder) {
        Msgsvc engine = builder.retryPolicy(RetryPolicy.exponential(3, Duration.ofMillis(10), 2, Duration.ofMillis(50)))
                .pollInterval(Duration.ofMillis(50))
                .build()
                .start();
        engines.add(engine);
        return engine;
    }

    private static ReservationRequest request(String... recipients) {
        return ReservationRequest.builder()
                .customerId("acme")
                .text("Sale 10%")
                .recipients(recipients)
                .build();
    }

    private static void awaitStatus(Msgsvc engine, ReservationId id, ReservationStatus status) {
        await().atMost(WAIT)
                .until(() -> engine.reservation("acme", id).reservation().status() == status);
    }

    @Test
    void eachChannelCallIsASpanOfTheReservesTraceAndCurrentDuringTheCall() {
        List<String> currentDuringCall = new CopyOnWriteArrayList<>();
        MessageChannel channel = message -> {
            currentDuringCall.add(tracing.tracer.currentSpan().context().spanId());
            return SendOutcome.accepted("ref-" + message.idempotencyKey());
        };
        Msgsvc engine = start(Msgsvc.builder().channel(channel).tracePropagation(tracing.propagation()));

        OtelTracing.InSpan<Reservation> reserved =
                tracing.inSpan("POST /campaigns", () -> engine.reserve(request("+100", "+200", "+300")));
        Span parent = reserved.span();
        ReservationId id = reserved.value().id();
        awaitStatus(engine, id, ReservationStatus.COMPLETED);

        await().atMost(WAIT).until(() -> tracing.ended(SEND_SPAN).size() == 3);
        List<SpanData> sends = Spans.bySequence(tracing.ended(SEND_SPAN));
        assertThat(sends).allSatisfy(send -> {
            assertThat(childOf(send, parent)).as("child of the reserve's span").isTrue();
            assertThat(send.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(tag(send, RESERVATION_TAG)).isEqualTo(id.toString());
            assertThat(tag(send, ATTEMPT_TAG)).isEqualTo("1");
            assertThat(tag(send, OUTCOME_TAG)).isEqualTo("accepted");
        });
        assertThat(sends).extracting(s -> tag(s, SEQUENCE_TAG)).containsExactly("0", "1", "2");
        assertThat(currentDuringCall)
                .as("the channel's own instrumentation nests under the send span")
                .containsExactlyElementsOf(
                        sends.stream().map(SpanData::getSpanId).toList());
    }

    @Test
    void eachProjectionApplyIsASpanOfTheReservesTrace() {
        Msgsvc engine = start(Msgsvc.builder()
                .channel(message -> SendOutcome.accepted("ref"))
                .pricing((customer, delivery, recipient) -> BigDecimal.ONE)
                .tracePropagation(tracing.propagation()));

        OtelTracing.InSpan<Reservation> reserved = tracing.inSpan("request", () -> engine.reserve(request("+100")));
        awaitStatus(engine, reserved.value().id(), ReservationStatus.COMPLETED);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tracing.ended(PROJECTION_SPAN))
                        .extracting(s -> tag(s, PROJECTION_TAG))
                        .contains("billing", "statistics", "status", "dashboard"));
        assertThat(tracing.ended(PROJECTION_SPAN)).allSatisfy(span -> {
            assertThat(childOf(span, reserved.span())).isTrue();
            assertThat(tag(span, RESERVATION_TAG))
                    .isEqualTo(reserved.value().id().toString());
            assertThat(tag(span, OUTCOME_TAG)).isEqualTo("applied");
        });
    }

    @Test
    void anAsynchronousCallsSpanEndsWhenItsStageCompletesNotWhenSendAsyncReturns() {
        CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
        AtomicBoolean called = new AtomicBoolean();
        AsyncMessageChannel channel = message -> {
            called.set(true);
            return answer;
        };
        Msgsvc engine = start(Msgsvc.builder().channel(channel).tracePropagation(tracing.propagation()));
        OtelTracing.InSpan<Reservation> reserved = tracing.inSpan("request", () -> engine.reserve(request("+100")));

        await().atMost(WAIT).untilTrue(called);
        assertThat(tracing.ended(SEND_SPAN))
                .as("sendAsync returned, its stage is open")
                .isEmpty();
        answer.complete(SendOutcome.permanentFailure("no such number"));

        await().atMost(WAIT).until(() -> tracing.ended(SEND_SPAN).size() == 1);
        SpanData send = tracing.ended(SEND_SPAN).get(0);
        assertThat(childOf(send, reserved.span())).isTrue();
        assertThat(tag(send, OUTCOME_TAG)).isEqualTo("permanent_failure");
        awaitStatus(engine, reserved.value().id(), ReservationStatus.FAILED);
    }

    @Test
    void aChannelThatThrowsEndsItsSpanAsAnErrorAndTheRetryIsASpanOfItsOwn() {
        AtomicBoolean thrown = new AtomicBoolean();
        MessageChannel channel = message -> {
            if (thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("gateway down");
            }
            return SendOutcome.accepted("ref");
        };
        Msgsvc engine = start(Msgsvc.builder().channel(channel).tracePropagation(tracing.propagation()));
        OtelTracing.InSpan<Reservation> reserved = tracing.inSpan("request", () -> engine.reserve(request("+100")));
        awaitStatus(engine, reserved.value().id(), ReservationStatus.COMPLETED);

        await().atMost(WAIT).until(() -> tracing.ended(SEND_SPAN).size() == 2);
        List<SpanData> sends = tracing.ended(SEND_SPAN);
        SpanData failed = sends.get(0);
        assertThat(tag(failed, ATTEMPT_TAG)).isEqualTo("1");
        assertThat(tag(failed, OUTCOME_TAG)).isEqualTo("transient_failure");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getEvents())
                .anySatisfy(e -> assertThat(e.getAttributes().get(AttributeKey.stringKey("exception.message")))
                        .isEqualTo("gateway down"));
        assertThat(tag(sends.get(1), ATTEMPT_TAG)).isEqualTo("2");
        assertThat(tag(sends.get(1), OUTCOME_TAG)).isEqualTo("accepted");
        assertThat(sends)
                .allSatisfy(s -> assertThat(childOf(s, reserved.span())).isTrue());
    }

    @Test
    void aReservationRegisteredOutsideAnyTraceStartsNoSpan() {
        List<Span> currentDuringCall = new CopyOnWriteArrayList<>();
        Msgsvc engine = start(Msgsvc.builder()
                .channel(message -> {
                    Span current = tracing.tracer.currentSpan();
                    if (current != null) {
                        currentDuringCall.add(current);
                    }
                    return SendOutcome.accepted("ref");
                })
                .tracePropagation(tracing.propagation()));

        Reservation r = engine.reserve(request("+100", "+200"));
        awaitStatus(engine, r.id(), ReservationStatus.COMPLETED);

        assertThat(tracing.exporter.getFinishedSpanItems()).isEmpty();
        assertThat(currentDuringCall).isEmpty();
    }

    @Test
    void baggageIsCarriedWithTheTrace() {
        List<String> baggageDuringCall = new CopyOnWriteArrayList<>();
        Msgsvc engine = start(Msgsvc.builder()
                .channel(message -> {
                    var baggage = tracing.tracer.getBaggage("tenant");
                    baggageDuringCall.add(baggage == null ? "none" : String.valueOf(baggage.get()));
                    return SendOutcome.accepted("ref");
                })
                .tracePropagation(tracing.propagation()));
        List<TraceContext> captured = new CopyOnWriteArrayList<>();
        OtelTracing.InSpan<Reservation> reserved = tracing.inSpan("request", () -> {
            try (var baggage = tracing.tracer.createBaggageInScope("tenant", "acme-eu")) {
                captured.add(tracing.propagation().capture());
                return engine.reserve(request("+100"));
            }
        });
        awaitStatus(engine, reserved.value().id(), ReservationStatus.COMPLETED);

        assertThat(captured.get(0).fields())
                .containsKey("traceparent")
                .hasEntrySatisfying("baggage", b -> assertThat(b).startsWith("tenant=acme-eu"));
        assertThat(baggageDuringCall).containsExactly("acme-eu");
        assertThat(captured.get(0).fields().get("traceparent"))
                .contains(reserved.span().context().traceId())
                .contains(reserved.span().context().spanId());
    }

    @Test
    void aTracerThatFailsNeverFailsASendOrAProjection() {
        TracePropagation working = tracing.propagation();
        TracePropagation broken = new TracePropagation() {
            @Override
            public TraceContext capture() {
                return working.capture();
            }

            @Override
            public Span startSend(TraceContext parent, DeliveryId delivery, int attempt) {
                throw new IllegalStateException("tracer broken");
            }

            @Override
            public Span startProjection(TraceContext parent, String projection, ReservationId reservation, int events) {
                throw new IllegalStateException("tracer broken");
            }
        };
        Msgsvc engine = start(
                Msgsvc.builder().channel(message -> SendOutcome.accepted("ref")).tracePropagation(broken));

        OtelTracing.InSpan<Reservation> reserved =
                tracing.inSpan("request", () -> engine.reserve(request("+100", "+200")));

        awaitStatus(engine, reserved.value().id(), ReservationStatus.COMPLETED);
        assertThat(engine.billing("acme").charges()).isEqualTo(2);
        assertThat(tracing.ended(SEND_SPAN)).isEmpty();
    }
}

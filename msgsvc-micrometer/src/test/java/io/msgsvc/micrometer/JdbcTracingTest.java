package io.msgsvc.micrometer;

import static io.msgsvc.micrometer.MicrometerTracing.PROJECTION_SPAN;
import static io.msgsvc.micrometer.MicrometerTracing.PROJECTION_TAG;
import static io.msgsvc.micrometer.MicrometerTracing.SEND_SPAN;
import static io.msgsvc.micrometer.MicrometerTracing.SEQUENCE_TAG;
import static io.msgsvc.micrometer.Spans.childOf;
import static io.msgsvc.micrometer.Spans.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.tracing.Span;
import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.jdbc.TestDatabases;
import io.msgsvc.testkit.ManualClock;
import io.msgsvc.testkit.RecordingChannel;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On H2 and PostgreSQL the trace context is stored with the reservation: an engine that starts after the one that
 * registered it stopped, with a tracer of its own (as another process would), sends and projects in that trace.
 */
class JdbcTracingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (Supplier<DataSource>) TestDatabases::h2),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::postgres));
    }

    private static JdbcStorage storage(DataSource database) {
        return JdbcStorage.builder(database)
                .migrate(true)
                .timeSource(JdbcStorage.TimeSource.ENGINE)
                .cleanupInterval(null)
                .build();
    }

    private static Msgsvc engine(JdbcStorage storage, ManualClock clock, RecordingChannel channel, OtelTracing t) {
        Msgsvc engine = Msgsvc.builder()
                .storage(storage)
                .channel(channel)
                .clock(clock)
                .pollInterval(Duration.ofMillis(100))
                .tracePropagation(t.propagation())
                .build();
        clock.onChange(engine::checkDueNow);
        return engine.start();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSendAfterARestartContinuesTheTraceTheReservationWasRegisteredIn(String name, Supplier<DataSource> db)
            throws Exception {
        DataSource database = db.get();
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        RecordingChannel channel = new RecordingChannel(message -> SendOutcome.accepted("ref"));

        Span registeredIn;
        Reservation reservation;
        try (OtelTracing first = new OtelTracing();
                JdbcStorage storage = storage(database);
                Msgsvc engine = engine(storage, clock, channel, first)) {
            OtelTracing.InSpan<Reservation> reserved = first.inSpan(
                    "POST /campaigns",
                    () -> engine.reserve(ReservationRequest.builder()
                            .customerId("acme")
                            .text("Sale 10%")
                            .recipients("+100", "+200")
                            .sendAt(clock.instant().plus(Duration.ofHours(1)))
                            .build()));
            registeredIn = reserved.span();
            reservation = reserved.value();
        }
        assertThat(channel.calls())
                .as("due in an hour: nothing sent before the restart")
                .isEmpty();

        try (OtelTracing second = new OtelTracing();
                JdbcStorage storage = storage(database);
                Msgsvc engine = engine(storage, clock, channel, second)) {
            clock.advance(Duration.ofHours(1));
            await().atMost(WAIT)
                    .until(() -> engine.reservation("acme", reservation.id())
                                    .reservation()
                                    .status()
                            == ReservationStatus.COMPLETED);

            await().atMost(WAIT).until(() -> second.ended(SEND_SPAN).size() == 2);
            assertThat(Spans.bySequence(second.ended(SEND_SPAN)))
                    .allSatisfy(send -> assertThat(childOf(send, registeredIn))
                            .as("a child of the span reserve ran in, in the first process")
                            .isTrue())
                    .extracting(send -> tag(send, SEQUENCE_TAG))
                    .containsExactly("0", "1");
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(second.ended(PROJECTION_SPAN))
                            .extracting(s -> tag(s, PROJECTION_TAG))
                            .contains("billing", "statistics", "status", "dashboard"));
            assertThat(second.ended(PROJECTION_SPAN))
                    .extracting(SpanData::getTraceId)
                    .containsOnly(registeredIn.context().traceId());
        }
    }
}

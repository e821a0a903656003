package io.msgsvc.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.micrometer.MicrometerTracing;
import io.msgsvc.spring.boot.sample.RecordingChannel;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.test.util.ReflectionTestUtils;

/** The application's Micrometer Tracing reaches the engine, unless switched off or missing. */
class MsgsvcTracingAutoConfigurationTest {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("starter-test");
    private final OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    private final Tracer tracer =
            new OtelTracer(otel, current, event -> {}, new OtelBaggageManager(current, List.of(), List.of()));
    private final Propagator propagator =
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    MsgsvcAutoConfiguration.class,
                    MsgsvcTracingAutoConfiguration.class))
            .withPropertyValues("msgsvc.jdbc.migrate=true", "msgsvc.poll-interval=100ms")
            .withBean(RecordingChannel.class);
    private final ApplicationContextRunner withTracing =
            runner.withBean(Tracer.class, () -> tracer).withBean(Propagator.class, () -> propagator);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aReservationRegisteredInTheApplicationsTraceIsSentInIt() {
        withTracing.run(context -> {
            assertThat(context).hasBean("msgsvcTracingCustomizer");
            Msgsvc msgsvc = context.getBean(Msgsvc.class);
            Span request = tracer.nextSpan().name("POST /orders").start();
            Reservation r;
            try (Tracer.SpanInScope ignored = tracer.withSpan(request)) {
                r = msgsvc.reserve(request());
            } finally {
                request.end();
            }
            awaitCompleted(msgsvc, r);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !ended(MicrometerTracing.SEND_SPAN).isEmpty());
            SpanData send = ended(MicrometerTracing.SEND_SPAN).get(0);
            assertThat(send.getTraceId()).isEqualTo(request.context().traceId());
            assertThat(send.getParentSpanId()).isEqualTo(request.context().spanId());
        });
    }

    @Test
    void springBootsOwnOpenTelemetryTracerIsPickedUp() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class,
                        TransactionAutoConfiguration.class,
                        OpenTelemetrySdkAutoConfiguration.class,
                        MicrometerTracingAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class,
                        MsgsvcAutoConfiguration.class,
                        MsgsvcTracingAutoConfiguration.class))
                .withPropertyValues(
                        "msgsvc.jdbc.migrate=true",
                        "msgsvc.poll-interval=100ms",
                        "management.tracing.sampling.probability=1.0")
                .withBean(RecordingChannel.class)
                .withBean(SpanExporter.class, () -> exporter)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("msgsvcTracingCustomizer");
                    Tracer bootTracer = context.getBean(Tracer.class);
                    Msgsvc msgsvc = context.getBean(Msgsvc.class);
                    Span request = bootTracer.nextSpan().name("POST /orders").start();
                    Reservation r;
                    try (Tracer.SpanInScope ignored = bootTracer.withSpan(request)) {
                        r = msgsvc.reserve(request());
                    } finally {
                        request.end();
                    }
                    awaitCompleted(msgsvc, r);

                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> !ended(MicrometerTracing.SEND_SPAN).isEmpty());
                    assertThat(ended(MicrometerTracing.SEND_SPAN).get(0).getTraceId())
                            .isEqualTo(request.context().traceId());
                });
    }

    @Test
    void switchedOffByMsgsvcTracingEnabledFalse() {
        withTracing.withPropertyValues("msgsvc.tracing.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("msgsvcTracingCustomizer");
            assertThat(tracingOf(context.getBean(Msgsvc.class))).isFalse();
        });
    }

    @Test
    void backsOffWithoutATracerOrWithoutMsgsvcMicrometer() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Msgsvc.class);
            assertThat(context).doesNotHaveBean("msgsvcTracingCustomizer");
        });
        withTracing
                .withClassLoader(new FilteredClassLoader(MicrometerTracing.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Msgsvc.class);
                    assertThat(context).doesNotHaveBean("msgsvcTracingCustomizer");
                    assertThat(tracingOf(context.getBean(Msgsvc.class))).isFalse();
                });
    }

    private List<SpanData> ended(String name) {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .toList();
    }

    /** Whether the built engine traces: its configuration's tracing is on. */
    private static boolean tracingOf(Msgsvc msgsvc) {
        Object config = ReflectionTestUtils.getField(msgsvc, "config");
        Object tracing = ReflectionTestUtils.invokeMethod(config, "tracing");
        return Boolean.TRUE.equals(ReflectionTestUtils.invokeMethod(tracing, "on"));
    }

    private static void awaitCompleted(Msgsvc msgsvc, Reservation r) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> msgsvc.reservation("shop", r.id()).reservation().status() == ReservationStatus.COMPLETED);
    }

    private static ReservationRequest request() {
        return ReservationRequest.builder()
                .customerId("shop")
                .text("Order 17 confirmed")
                .recipients("+100")
                .build();
    }
}
